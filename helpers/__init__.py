"""Layer Lab's helpers: build images, measure their layers and rebuilds, chart them.

The notebooks use only what is listed here (`helpers.X`); the subpackages behind it are:

    cli        python -m helpers COMMAND
    notebook   lesson set-up, checkpoints, charts, text twins, widgets
    course     the sample app, the one-line change, scratch copies, the experiment
    engine     talking to a Docker engine
    image      dockerfile     replay       reading images, reading Dockerfiles, recorded mode
    results    what everything returns

Each may import only those below it (the import contract in pyproject.toml). Names load on
first use, so that `python -m helpers predict` does not pay for the Docker SDK and plotly.
"""

import importlib

import lazy_loader

_attribute, _names, _public = lazy_loader.attach(
    __name__,
    submod_attrs={
        "course.bases": ["make_base_with_build_tools"],
        "course.ci_cache": ["reuse_ci_cache"],
        "course.experiment": ["compare"],
        "course.fix_check": ["source_file_to_change", "verify_fix"],
        "course.pip_log": ["pip_downloads"],
        "course.sample_app": [
            "EXAMPLE_PROJECTS",
            "REFUSED_EXAMPLE",
            "SAMPLE_APP",
            "one_line_change",
        ],
        "course.scratch": ["fresh_for_this_run", "scratch_copy", "write_context"],
        "course.warm": ["warm_engine"],
        "dockerfile.advice": ["lint"],
        "dockerfile.fixing": ["fix_dockerfile"],
        "dockerfile.prediction": ["predict"],
        "engine.baseimage": [
            "DEFAULT_BASE_IMAGE",
            "OFFLINE_BASE_IMAGE",
            "WITH_CA_BASE_IMAGE",
            "resolve_base_image",
        ],
        "engine.buildcache": ["forget_build_cache"],
        "engine.buildkit_cli": ["find_buildkit_cli"],
        "engine.building": ["build"],
        "engine.cache_origin": ["cache_origin"],
        "engine.cleanup": ["built_by_course", "cleanup"],
        "engine.connection": ["connect"],
        "engine.extra_ca": ["make_base_with_ca"],
        "engine.package_index": ["ROOM_BASE_IMAGE", "make_base_with_index"],
        "engine.info": ["engine_info"],
        "engine.labels": ["COURSE_LABEL", "LEARNER_LABEL"],
        "engine.learner": ["current_learner", "my_tag"],
        "engine.layers": ["read_layers"],
        "engine.progress": ["TerminalProgress"],
        "engine.running": ["read_file_in_image", "request_app"],
        "engine.saving": ["find_in_image", "read_image_contents"],
        "image.contents": ["read_archive"],
        "image.history": ["new_layers"],
        "notebook.charts": [
            "bases_chart",
            "comparison_chart",
            "journey_chart",
            "layers_chart",
            "timeline_chart",
        ],
        "notebook.checks": ["check_answer", "checkpoint"],
        "notebook.predictions": ["ask_prediction", "my_predictions", "reveal_prediction"],
        "notebook.recap": ["recap_question"],
        "notebook.content_charts": ["invisible_bytes_chart", "layer_files_chart"],
        "notebook.describe": [
            "describe_bases",
            "describe_builders",
            "describe_bytes_under",
            "describe_comparison",
            "describe_contents",
            "describe_context",
            "describe_downloads",
            "describe_layers",
            "describe_new_layers",
            "describe_steps",
        ],
        "notebook.exercise": ["DockerfileExercise"],
        "notebook.progress": ["NotebookProgress"],
        "notebook.setup": ["check_setup", "start_lesson"],
        "notebook.widgets": ["RebuildExplorer"],
        "results.advice": ["Advice", "Finding"],
        "results.app": ["AppReply"],
        "results.build": ["BuildResult", "Layer", "LayerRow", "Step"],
        "results.builder": ["BuildkitCli"],
        "results.buildkit": ["CacheReuse", "PipDownloads"],
        "results.cache_origin": ["CacheOrigin"],
        "results.cleanup": ["CleanupReport"],
        "results.contents": ["FileEntry", "HiddenFile", "ImageContents", "LayerContents"],
        "results.display": ["Table"],
        "results.errors": [
            "AppDidNotAnswer",
            "BaseImageUnavailable",
            "BrokenDockerfile",
            "BuildFailed",
            "BuilderUnavailable",
            "EngineUnavailable",
            "LayerLabError",
            "MissingFile",
            "NeedsLiveEngine",
            "OutsideContext",
            "RecordingMissing",
            "UnreadableFile",
        ],
        "results.exercise": ["ExerciseResult"],
        "results.fix": ["Fix", "FixStep", "FixVerdict"],
        "results.experiment": ["Comparison", "EngineInfo", "Variant"],
        "results.leaks": ["Sighting", "ValueSearch"],
        "results.learner": ["Learner"],
        "results.prediction": ["PredictedStep", "Prediction"],
        "results.setup": ["Check", "SetupReport"],
        "results.units": ["human_bytes"],
        "results.warm": ["WarmBuild", "WarmReport"],
    },
)

# `helpers.lessons.NAME(...)`: each lesson's checkpoints (helpers/notebook/lessons.py);
# `helpers.reveals.NAME(...)`: its predictions, compared with the measurement.
_MODULES = {"lessons": ".notebook.lessons", "reveals": ".notebook.reveals"}
__all__ = sorted([*_public, *_MODULES])


def __getattr__(name: str):
    if name in _MODULES:
        return importlib.import_module(_MODULES[name], __name__)
    return _attribute(name)


def __dir__() -> list[str]:
    return [*_names(), *_MODULES]
