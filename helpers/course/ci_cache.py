"""A CI runner starts with an empty cache: what a previous build's cache, imported with
`--cache-from`, saves it. BuildKit only."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import docker

from ..engine.baseimage import resolve_base_image
from ..engine.buildcache import forget_build_cache
from ..engine.building import build
from ..engine.connection import connect
from ..engine.info import engine_info
from ..engine.learner import my_tag
from ..engine.progress import Progress, choose_progress
from ..i18n import N_
from ..replay.recordable import recordable
from ..results.build import BuildResult
from ..results.buildkit import CacheReuse
from .sample_app import SAMPLE_APP
from .scratch import scratch_folder

PIPELINE = SAMPLE_APP / "buildkit"
_RUN_ID_PLACEHOLDER = "RUN_ID"


@recordable
def reuse_ci_cache(
    client: docker.DockerClient | None = None,
    progress: Progress | str | None = "auto",
) -> CacheReuse:
    """Build `Dockerfile.ci` as the last pipeline run did, keeping its cache, then on a
    "fresh runner" twice: the course's cache records forgotten, once without and once with
    that cache. Raises BuilderUnavailable where BuildKit cannot run.

    Where the cache goes depends on the image store, as `docker buildx` allows: with the
    containerd store, exported to a folder (`--cache-to type=local`); with overlay2, whose
    builder exports no cache, inline in the image (`--cache-from` then names the image, which
    this engine finds in its own store)."""
    client = connect(client)
    base_image = resolve_base_image(client)
    reporter = choose_progress(progress)
    engine = engine_info(client)
    run_id = f"layerlab-{uuid.uuid4().hex}"
    with scratch_folder() as scratch:
        context = Path(scratch) / "pipeline"
        shutil.copytree(PIPELINE, context)
        dockerfile = context / "Dockerfile.ci"
        dockerfile.write_text(dockerfile.read_text().replace(_RUN_ID_PLACEHOLDER, run_id))
        if engine.containerd_store:
            exported = Path(scratch) / "cache"
            keep = {"cache_to": f"type=local,dest={exported},mode=max"}
            method = N_("an exported cache (--cache-to type=local, --cache-from type=local)")
            reuse = {"cache_from": f"type=local,src={exported}"}
        else:
            keep = {"inline_cache": True}
            method = N_("the cache inline in the image (--cache-from the image)")
            reuse = {"cache_from": my_tag("pipeline:previous")}

        def pipeline(tag: str, **options) -> BuildResult:
            return build(
                "Dockerfile.ci",
                context,
                tag=my_tag(f"pipeline:{tag}"),
                client=client,
                base_image=base_image,
                progress=reporter,
                builder="buildkit",
                **options,
            )

        previous = pipeline("previous", **keep)
        forgotten = forget_build_cache(run_id, client=client)
        cold = pipeline("cold")
        forget_build_cache(run_id, client=client)
        warm = pipeline("warm", **reuse)
        # Leave no cache records behind that only this lesson could ever use.
        forget_build_cache(run_id, client=client)
    return CacheReuse(previous, cold, warm, method, forgotten, engine)
