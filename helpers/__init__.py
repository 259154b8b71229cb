"""Layer Lab's helpers: build images, measure their layers and rebuilds, chart them.

The notebooks use only what is listed in `__all__`; the modules behind it are private.
"""

from ._advice import Finding, lint
from ._baseimage import (
    DEFAULT_BASE_IMAGE,
    OFFLINE_BASE_IMAGE,
    WITH_CA_BASE_IMAGE,
    make_base_with_ca,
    resolve_base_image,
)
from ._building import MissingFile, build
from ._checks import check_answer, checkpoint
from ._cleanup import CleanupReport, built_by_course, cleanup
from ._content_charts import invisible_bytes_chart, layer_files_chart
from ._contents import (
    FileEntry,
    HiddenFile,
    ImageContents,
    LayerContents,
    read_archive,
    read_image_contents,
)
from ._contexts import scratch_copy, write_context
from ._describe import (
    describe_comparison,
    describe_contents,
    describe_layers,
    describe_steps,
)
from ._engine import connect
from ._errors import BaseImageUnavailable, BuildFailed, EngineUnavailable, LayerLabError
from ._exercise import DockerfileExercise, ExerciseResult
from ._experiment import SAMPLE_APP, compare, engine_info, one_line_change
from ._labels import COURSE_LABEL
from ._layers import new_layers, read_layers
from ._plots import comparison_chart, journey_chart, layers_chart, timeline_chart
from ._prediction import PredictedStep, Prediction, predict
from ._progress import NotebookProgress, TerminalProgress
from ._results import BuildResult, Comparison, EngineInfo, Layer, Step, Variant
from ._running import AppDidNotAnswer, AppReply, read_file_in_image, request_app
from ._setup import SetupReport, check_setup, start_lesson
from ._units import human_bytes
from ._widgets import RebuildExplorer

__all__ = [
    "COURSE_LABEL",
    "DEFAULT_BASE_IMAGE",
    "OFFLINE_BASE_IMAGE",
    "SAMPLE_APP",
    "WITH_CA_BASE_IMAGE",
    "AppDidNotAnswer",
    "AppReply",
    "BaseImageUnavailable",
    "BuildFailed",
    "BuildResult",
    "CleanupReport",
    "Comparison",
    "DockerfileExercise",
    "EngineInfo",
    "EngineUnavailable",
    "ExerciseResult",
    "FileEntry",
    "Finding",
    "HiddenFile",
    "ImageContents",
    "Layer",
    "LayerContents",
    "LayerLabError",
    "MissingFile",
    "NotebookProgress",
    "PredictedStep",
    "Prediction",
    "RebuildExplorer",
    "SetupReport",
    "Step",
    "TerminalProgress",
    "Variant",
    "build",
    "built_by_course",
    "check_answer",
    "check_setup",
    "checkpoint",
    "cleanup",
    "compare",
    "comparison_chart",
    "connect",
    "describe_comparison",
    "describe_contents",
    "describe_layers",
    "describe_steps",
    "engine_info",
    "human_bytes",
    "invisible_bytes_chart",
    "journey_chart",
    "layer_files_chart",
    "layers_chart",
    "lint",
    "make_base_with_ca",
    "new_layers",
    "one_line_change",
    "predict",
    "read_archive",
    "read_file_in_image",
    "read_image_contents",
    "read_layers",
    "request_app",
    "resolve_base_image",
    "scratch_copy",
    "start_lesson",
    "timeline_chart",
    "write_context",
]
