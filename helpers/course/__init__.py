"""The course itself: the sample app, the one-line change, scratch copies, the experiment."""
