"""What the notebooks call: the lesson set-up, checkpoints, charts, text twins and widgets."""
