"""The languages of labels (``label_<lang>`` columns) and of output: one constant, in a module
of its own so that code which only needs it (title search) does not import the taxonomy."""

#: Languages of labels and output.
LANGUAGES = ("en", "nl")
