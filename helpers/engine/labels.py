"""The labels by which the course recognises what it created, and nothing else."""

COURSE_LABEL = "org.layerlab.course"
"""Added to every image the course builds (as a final LABEL step)."""

CONTAINER_LABEL = "org.layerlab.container"
"""Added to every container the course starts. Images never carry it, so a learner's own
container, which inherits its image's labels, never carries it either."""

BASE_LABEL = "org.layerlab.base"
"""Marks base images the course made; cleanup leaves them, since they take a while to make."""

LEARNER_LABEL = "org.layerlab.learner"
"""On every image and container the course makes: the learner it made it for, so that one
learner's cleanup on a shared engine never touches another's."""

TAG_REPOSITORY = "layerlab"
"""The course tags its images `layerlab/LEARNER/NAME:TAG` and removes only tags of that form;
`layerlab/base:...` are base images, which it keeps."""
