"""Which steps will run again if these files change? The classic builder's cache, or
BuildKit's, predicted.

The rules, as the classic builder applies them:
- A step is reused only if its parent image is the one it was built on and its instruction
  is the same; COPY and ADD also need the same checksum of the files they copy.
- So once one step of a stage runs again, every later step of that stage runs again.
- A changed file matters to a COPY/ADD only if the context sends it (.dockerignore, decided by
  the SDK's matching rules: dockerignore.py) and one of the instruction's sources covers it:
  the file itself, a folder above it, or a wildcard matching it or a folder above it (Go's
  filepath.Match: `*` does not cross `/`).
- `FROM stage` and `COPY --from=stage` depend on that stage. If the stage ran again, a
  `FROM stage` runs everything again; a `COPY --from` may still be reused when the stage
  produced byte-identical files, which no prediction can know: it says "unknown".
- ADD of a URL downloads every time to compare checksums: "unknown" too.

BuildKit keys its cache the same way, with these differences (its Dockerfile frontend,
dockerfile2llb):
- It builds only the stages the target (the last stage) needs: those it reaches through
  `FROM stage`, `COPY --from=stage` and `RUN --mount=from=stage`, transitively. The others it
  skips, so a change that only they copy rebuilds nothing, and their steps are not predicted.
- It numbers steps per stage, `[2/5]`, or `[builder 2/4]` when the Dockerfile has more than one
  stage (an unnamed stage is `stage-N`, N its 0-based index). It counts only FROM, RUN, COPY,
  ADD and WORKDIR; the others (ENV, ARG, CMD...) only change the config, print no step and
  cannot miss. FROM of an image is step 1; FROM of an earlier stage or of scratch is no step.
- A RUN also depends on what its `--mount`s bring: a bind mount of the build context depends
  on the files under its source, as a COPY does; a mount from a stage that ran again may
  change the result ("unknown"); cache, tmpfs, secret and ssh mounts are not in the key.
- A COPY --from a stage that ran again is "unknown" for BuildKit too: it compares the copied
  files by content, and a stage that ran again may well make the same files.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..i18n import N_, _
from ..results.errors import MissingFile, OutsideContext
from ..results.prediction import BUILDERS, PredictedStep, Prediction
from .dockerignore import context_filter
from .parsing import Instruction, Mount, run_mounts, stage_names
from .reading import read_dockerfile


def _go_glob(pattern: str) -> re.Pattern[str]:
    """Go's filepath.Match, as both builders match COPY sources. (Not .dockerignore's
    matching: dockerignore.py has the SDK's and BuildKit's, which treat `**` and `[!...]`
    each their own way.)"""
    out, index = [], 0
    while index < len(pattern):
        char = pattern[index]
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = pattern.find("]", index + 1)
            if end == -1:
                out.append(re.escape(char))
            else:
                body = pattern[index + 1 : end]
                if body.startswith("^"):
                    body = "!" + body[1:]
                out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
                index = end
        elif char == "\\" and index + 1 < len(pattern):
            index += 1
            out.append(re.escape(pattern[index]))
        else:
            out.append(re.escape(char))
        index += 1
    return re.compile("".join(out) + r"\Z")


def _clean(path: str) -> str:
    cleaned = os.path.normpath(path.replace("\\", "/")).lstrip("/")
    return "" if cleaned == "." else cleaned


def _source_covers(source: str, changed: str) -> bool:
    pattern = _clean(source)
    if pattern == "":
        return True  # "." copies the whole context
    if changed == "":
        return False  # the context changed somewhere: only "." surely copies the change
    parts = changed.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    if any(char in pattern for char in "*?["):
        matcher = _go_glob(pattern)
        return any(matcher.match(prefix) for prefix in prefixes)
    return pattern in prefixes


def _source_inside(source: str, folder: str) -> bool:
    """Does this COPY source lie inside `folder` ("" for the whole context)?"""
    return folder == "" or _clean(source).startswith(folder + "/")


def _copies(sources, sent, folders, mounts=False) -> tuple[bool | None, str] | None:
    """What the changed paths make of a COPY (or, with `mounts`, a bind mount) of `sources`:
    runs, unknown, or None when they leave it alone."""
    # Translators: in a list of changed paths, the whole build context (named as changed).
    context = _("the context")
    touched = sorted({c or context for c in sent for s in sources if _source_covers(s, c)})
    if touched:
        if mounts:
            return False, _("mounts {paths}, which changed").format(paths=", ".join(touched))
        return False, _("copies {paths}, which changed").format(paths=", ".join(touched))
    within = sorted({f or context for f in folders for s in sources if _source_inside(s, f)})
    if within:
        if mounts:
            why = _(
                "mounts files inside {folders}, which changed: whether these did, a prediction "
                "cannot know"
            )
        else:
            why = _(
                "copies files inside {folders}, which changed: whether these did, a prediction "
                "cannot know"
            )
        return None, why.format(folders=", ".join(within))
    return None


def predict(
    context: str | os.PathLike[str],
    dockerfile: str | os.PathLike[str] = "Dockerfile",
    changed: tuple[str, ...] | list[str] = (),
    builder: str = "classic",
) -> Prediction:
    """For each step of `dockerfile`, whether `builder` ("classic" or "buildkit") will reuse
    it once the files `changed` have changed.

    Paths may be written relative to the context, relative to the current folder (as shell
    completion writes them), or absolute; a path outside the context is an error, since the
    builder never sees it. Without `dockerfile`, the context's own Dockerfile (or dockerfile)
    is read; one you name is looked for in the context, then from the current folder, where
    `docker build -f` looks."""
    if builder not in BUILDERS:
        raise ValueError(
            _("No such builder: {builder!r}. Choose one of {builders}.").format(
                builder=builder, builders=", ".join(BUILDERS)
            )
        )
    context_dir = Path(context).expanduser().resolve()
    if not context_dir.is_dir():
        raise MissingFile(
            _(
                "No build context folder at {context}. Pass the folder you would give to "
                "`docker build`."
            ).format(context=context)
        )
    path = _dockerfile_path(context_dir, Path(dockerfile).expanduser(), dockerfile != "Dockerfile")
    instructions = read_dockerfile(path)
    inside = [in_context(context_dir, p) for p in changed]
    sends = context_filter(context_dir, path, builder).sends
    sent = [c for c in inside if c == "" or sends(c)]
    # A folder named as changed means something in it changed: a COPY of the folder (or of
    # what holds it) runs again; a COPY of one file inside it may or may not.
    folders = {c for c in sent if c == "" or (context_dir / c).is_dir()}
    names = stage_names(instructions)
    changed_text = tuple(str(c) for c in changed)
    if builder == "buildkit":
        steps, skipped = _BuildKitPrediction(instructions, names, sent, inside, folders).run()
        return Prediction(str(path), changed_text, steps, builder, skipped)
    steps = _classic(instructions, names, sent, inside, folders)
    return Prediction(str(path), changed_text, steps)


def _dockerfile_path(context_dir: Path, dockerfile: Path, named: bool) -> Path:
    """As `docker build` finds it: by default the context's Dockerfile (or dockerfile); a path
    you name, in the context or else from the current folder."""
    if dockerfile.is_absolute():
        return dockerfile
    in_context_dir = context_dir / dockerfile
    if not named:
        lower = context_dir / "dockerfile"
        return lower if not in_context_dir.exists() and lower.exists() else in_context_dir
    if in_context_dir.exists() or not dockerfile.exists():
        return in_context_dir
    return dockerfile.resolve()


def in_context(context_dir: Path, changed: str | os.PathLike[str]) -> str:
    """`changed` relative to the context, with `/`, however it was written; "" for the context
    itself. Raises OutsideContext for a path the builder cannot see."""
    written = Path(os.fspath(changed).replace("\\", "/")).expanduser()
    candidates = [Path(os.path.normpath(written))]
    if not written.is_absolute():
        from_context = Path(os.path.normpath(context_dir / written))
        from_here = Path(os.path.normpath(Path.cwd() / written))
        # Shell completion writes paths from the current folder: take that reading when only
        # it names a file that exists.
        prefer_here = from_here.exists() and not from_context.exists()
        candidates = [from_here, from_context] if prefer_here else [from_context, from_here]
    for candidate in candidates:
        for spelling in (candidate, candidate.resolve()):  # symbolic links in either path
            try:
                relative = spelling.relative_to(context_dir).as_posix()
            except ValueError:
                continue
            return "" if relative == "." else relative
    raise OutsideContext(
        _(
            "{path} is outside the build context ({context}): the builder never sees it, so "
            "changing it cannot rebuild anything. Name a file inside the context, relative to it "
            "or as an absolute path."
        ).format(path=changed, context=context_dir)
    )


def _classic(instructions, names, sent, changed, folders) -> tuple[PredictedStep, ...]:
    stage_state: dict[int, bool | None] = {}  # True: fully reused; False: ran; None: unknown
    current: bool | None = True
    predicted = []
    for instruction in instructions:
        cached, reason = _step(instruction, current, sent, names, stage_state, changed, folders)
        if instruction.keyword == "FROM" or instruction.stage < 0:
            current = cached if instruction.keyword == "FROM" else current
            predicted.append(
                PredictedStep(
                    instruction.number,
                    instruction.text,
                    True if cached is not False else cached,
                    reason,
                )
            )
        else:
            current = cached
            predicted.append(PredictedStep(instruction.number, instruction.text, cached, reason))
        if instruction.stage >= 0:
            stage_state[instruction.stage] = _worse(
                stage_state.get(instruction.stage, True), current
            )
    return tuple(predicted)


def _worse(a: bool | None, b: bool | None) -> bool | None:
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True


def _step(instruction: Instruction, current, sent, names, stage_state, changed, folders):
    if instruction.stage < 0:
        return True, _("an ARG before FROM runs nothing")
    if instruction.keyword == "FROM":
        base = instruction.value.split()[0].lower()
        if base in names and names[base] < instruction.stage:
            state = stage_state.get(names[base], True)
            if state is False:
                return False, _(
                    "stage {stage} ran again, so this stage starts from a new image"
                ).format(stage=base)
            if state is None:
                return None, _("stage {stage} may have changed").format(stage=base)
            return True, _("stage {stage} was reused").format(stage=base)
        return True, _(_SAME_BASE)
    if current is False:
        return False, _(_EARLIER_RAN)
    if instruction.keyword in ("COPY", "ADD"):
        sources = instruction.arguments[:-1]
        source_stage = instruction.flags.get("from")
        if source_stage is not None:
            state = stage_state.get(names.get(source_stage.lower(), -1), True)
            if source_stage.lower() not in names:
                return current, _(_FROM_IMAGE)
            if state is True:
                return current, _(_STAGE_REUSED).format(stage=source_stage)
            return None, _(
                "stage {stage} ran again: whether its files came out byte-identical cannot be "
                "known before building"
            ).format(stage=source_stage)
        if instruction.keyword == "ADD" and any("://" in source for source in sources):
            return None, _(_ADD_URL)
        verdict = _copies(sources, sent, folders)
        if verdict is not None:
            return verdict
        unsent = [c for c in changed if c not in sent]
        if unsent:
            return current, _(_NOT_SOURCES)
    if current is None:
        return None, _(_EARLIER_MAY_HAVE)
    return True, _(_SAME_STEP)


# Besides FROM, the instructions BuildKit numbers as steps: the others only change the config.
_BUILDKIT_STEPS = frozenset({"RUN", "COPY", "ADD", "WORKDIR"})
# Reasons both builders give: marked here, translated where a step is predicted.
_NOT_SOURCES = N_("the changed files are not among its sources (or .dockerignore leaves them out)")
_SAME_BASE = N_("the base image is the same")
_SAME_STEP = N_("same parent, same instruction")
_EARLIER_RAN = N_("an earlier step of this stage ran again")
_EARLIER_MAY_HAVE = N_("an earlier step may have run again")
_FROM_IMAGE = N_("copies from an image, which has not changed")
_STAGE_REUSED = N_("stage {stage} was reused, so its files are the same")
_ADD_URL = N_("ADD of a URL downloads it again to compare")


def _from_words(instruction: Instruction) -> tuple[str, str | None]:
    """The base a FROM names, and the stage's own name (`AS name`), lower case as BuildKit
    keeps stage names."""
    words = instruction.value.split()
    own = words[-1].lower() if len(words) >= 3 and words[-2].lower() == "as" else None
    return (words[0].lower() if words else ""), own


class _BuildKitPrediction:
    """BuildKit's view of one Dockerfile: its stages, the ones the target (the last stage)
    needs, and the steps of those, predicted in dependency order, since a COPY --from may name
    a stage written after it."""

    def __init__(
        self,
        instructions: tuple[Instruction, ...],
        names: dict[str, int],
        sent: list[str],
        changed: tuple[str, ...] | list[str],
        folders: set[str],
    ) -> None:
        self.names, self.sent, self.changed, self.folders = names, sent, changed, folders
        self.stages: dict[int, list[Instruction]] = {}
        for instruction in instructions:
            if instruction.stage >= 0:
                self.stages.setdefault(instruction.stage, []).append(instruction)
        self.done: dict[int, tuple[list[PredictedStep], bool | None]] = {}
        self.started: set[int] = set()
        # BuildKit names stages only when it holds more than one: a COPY --from an image, and a
        # RUN --mount from an image or of a cache, each add a source of their own.
        self.named = len(self.stages) > 1 or any(
            self._outside(instruction) for instruction in instructions
        )

    def run(self) -> tuple[tuple[PredictedStep, ...], tuple[str, ...]]:
        if not self.stages:
            return (), ()
        needed = self._needed(max(self.stages))
        steps = [step for index in sorted(needed) for step in self._stage(index)[0]]
        skipped = tuple(self._name(i) or "" for i in sorted(self.stages) if i not in needed)
        return tuple(steps), skipped

    def _stage_of(self, reference: str | None, by_index: bool = True) -> int | None:
        if reference is None:
            return None
        key = reference.lower()
        if key.isdigit() and not by_index:
            return None  # a mount's `from=` names a stage, never a stage's number
        return self.names.get(key)

    def _base(self, index: int) -> int | None:
        base, _own = _from_words(self.stages[index][0])
        stage = self._stage_of(base, by_index=False)  # `FROM 0` is an image called 0
        return stage if stage is not None and stage < index else None

    def _outside(self, instruction: Instruction) -> bool:
        if instruction.keyword == "COPY" and "from" in instruction.flags:
            return self._stage_of(instruction.flags["from"]) is None
        if instruction.keyword != "RUN":
            return False
        # A cache mount starts from scratch, a source of its own. (Some newer Dockerfile
        # frontends count every mount without `from=` so; Docker 20.10's does not.)
        return any(
            mount.kind == "cache"
            if mount.origin is None
            else self._stage_of(mount.origin, False) is None
            for mount in run_mounts(instruction)
        )

    def _dependencies(self, index: int) -> set[int]:
        found = {self._base(index)}
        for instruction in self.stages[index]:
            if instruction.keyword == "COPY":
                found.add(self._stage_of(instruction.flags.get("from")))
            elif instruction.keyword == "RUN":
                found |= {self._stage_of(m.origin, False) for m in run_mounts(instruction)}
        return {stage for stage in found if stage is not None}

    def _needed(self, target: int) -> set[int]:
        needed, waiting = set(), [target]
        while waiting:
            index = waiting.pop()
            if index not in needed:
                needed.add(index)
                waiting += self._dependencies(index)
        return needed

    def _name(self, index: int) -> str | None:
        if not self.named:
            return None
        _base, own = _from_words(self.stages[index][0])
        return own or f"stage-{index}"

    def _state(self, index: int) -> bool | None:
        """True: the stage came wholly from the cache; False: some step ran; None: unknown."""
        return self._stage(index)[1]

    def _stage(self, index: int) -> tuple[list[PredictedStep], bool | None]:
        if index in self.done:
            return self.done[index]
        if index in self.started:
            raise ValueError(
                _("circular dependency detected on stage {stage}").format(stage=self._name(index))
            )
        self.started.add(index)
        instructions = self.stages[index]
        base = self._base(index)
        image, _own = _from_words(instructions[0])
        # FROM an image is step 1; FROM an earlier stage or scratch starts from a state
        # BuildKit already has, and is no step.
        from_step = base is None and image != "scratch"
        numbered = [instructions[0]] if from_step else []
        numbered += [i for i in instructions[1:] if i.keyword in _BUILDKIT_STEPS]
        name, total = self._name(index), len(numbered)

        current: bool | None = True
        because = ""  # why the steps that follow are not reused, once current is not True
        if base is not None:
            current = self._state(base)
            if current is False:
                because = _("stage {stage} ran again, and this stage continues from it")
            else:
                because = _("stage {stage} may have changed, and this stage continues from it")
            because = because.format(stage=self._name(base))
        steps = []
        for number, instruction in enumerate(numbered, start=1):
            if instruction.keyword == "FROM":
                cached, reason = True, _(_SAME_BASE)
            else:
                cached, reason = self._step(instruction, current, because)
            steps.append(PredictedStep(number, instruction.text, cached, reason, name, total))
            if cached is not current:
                because = _(_EARLIER_RAN) if cached is False else _(_EARLIER_MAY_HAVE)
            current = cached
        self.done[index] = (steps, current)
        return self.done[index]

    def _step(self, instruction: Instruction, current: bool | None, because: str):
        if current is False:
            return False, because
        if instruction.keyword == "RUN":
            # A changed file in a mount certainly runs it again; a stage that ran may not.
            verdicts = [v for v in map(self._mount, run_mounts(instruction)) if v is not None]
            if verdicts:
                return min(verdicts, key=lambda verdict: verdict[0] is not False)
        elif instruction.keyword in ("COPY", "ADD"):
            sources = instruction.arguments[:-1]
            origin = instruction.flags.get("from") if instruction.keyword == "COPY" else None
            if origin is not None:
                stage = self._stage_of(origin)
                if stage is not None and self._state(stage) is not True:
                    return None, _(
                        "stage {stage} ran again: whether its files came out byte-identical "
                        "(BuildKit compares their contents) cannot be known before building"
                    ).format(stage=origin)
                if current is True:
                    if stage is None:
                        return True, _(_FROM_IMAGE)
                    return True, _(_STAGE_REUSED).format(stage=origin)
            if instruction.keyword == "ADD" and any("://" in source for source in sources):
                return None, _(_ADD_URL)
            verdict = _copies(sources, self.sent, self.folders)
            if verdict is not None:
                return verdict
            if current is True and len(self.sent) < len(self.changed):
                return True, _(_NOT_SOURCES)
        if current is None:
            return None, because
        return True, _(_SAME_STEP)

    def _mount(self, mount: Mount) -> tuple[bool | None, str] | None:
        """What a mount alone makes of a RUN, or None when it changes nothing."""
        if mount.origin is not None:
            stage = self._stage_of(mount.origin, False)
            if stage is None or self._state(stage) is True:
                return None  # an image, or a stage that was reused: the same files
            return None, _("mounts stage {stage}, which may have changed").format(
                stage=mount.origin
            )
        if mount.kind != "bind":
            return None  # cache, tmpfs, secret and ssh mounts are not in the cache key
        return _copies((mount.source,), self.sent, self.folders, mounts=True)
