"""nbgrader reads this file when it runs from the repository root; the configuration is in course/."""
import os

c = get_config()  # noqa: F821 -- provided by traitlets when nbgrader loads this file
load_subconfig(os.path.join(os.path.dirname(os.path.abspath(__file__)), "course", "nbgrader_config.py"))  # noqa: F821
