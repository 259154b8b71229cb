"""ARG and ENV values put into COPY and RUN lines, as the builder puts them in.

A global ARG (before the first FROM) reaches a stage only when the stage declares it again
(`ARG NAME`), with or without a value of its own.
"""

from __future__ import annotations

import dataclasses
import re

from .parsing import Instruction

_VARIABLE = re.compile(r"\$(?:\{(\w+)(?::?[-+][^}]*)?\}|(\w+))")


def expand(text: str, variables: dict[str, str]) -> str:
    """`$NAME` and `${NAME}` replaced by what ARG and ENV gave them, where they gave a value."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(2)
        return variables.get(name, match.group(0))

    return _VARIABLE.sub(value, text)


def assignments(step: Instruction) -> dict[str, str]:
    """The values an ARG (its defaults) or ENV (`A=1 B=2`, or the old `A 1`) sets."""
    words = step.value.split()
    if step.keyword == "ENV" and len(words) >= 2 and "=" not in words[0]:
        return {words[0]: " ".join(words[1:])}
    found = {}
    for word in words:
        name, equals, value = word.partition("=")
        if equals:
            found[name] = value.strip("\"'")
    return found


def with_variables(
    step: Instruction, variables: dict[str, str], global_arguments: dict[str, str]
) -> Instruction:
    """The step with the stage's ARG and ENV values put in; `variables` gains what it sets."""
    if step.keyword == "ARG":
        for word in step.value.split():
            if "=" not in word and word in global_arguments:
                variables[word] = global_arguments[word]
    if step.keyword in ("ARG", "ENV"):
        variables.update(assignments(step))
        return step
    if step.keyword not in ("COPY", "ADD", "RUN") or "$" not in step.value:
        return step
    return dataclasses.replace(
        step,
        value=expand(step.value, variables),
        arguments=tuple(expand(argument, variables) for argument in step.arguments),
    )


def global_arguments(instructions) -> dict[str, str]:
    """The defaults of the ARGs before the first FROM: a stage sees one only by declaring it."""
    return {
        name: value
        for instruction in instructions
        if instruction.stage < 0 and instruction.keyword == "ARG"
        for name, value in assignments(instruction).items()
    }
