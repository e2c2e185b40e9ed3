# Deep Q-Learning, from the training loop up — the course's commands.
#   make lab      set up everything (first run only) and open the course in JupyterLab
#   make test     set up everything (first run only) and run the whole test suite (what CI runs)
#   make check    the fast tier: ruff, the unit tests and the contract's static parts (under 3 minutes)
#   make release  regenerate release/ from source/ with nbgrader
#   make grade    grade every submission (see README, "The instructor's way")

PYTHON ?= python3
VENV   := .venv
BIN    := $(CURDIR)/$(VENV)/bin
STAMP  := $(VENV)/.installed
# nbgrader's CLI shells out to alembic, so the environment's bin/ must come first on PATH.
export PATH := $(BIN):$(PATH)

LAB_PORT ?= 8888
# Jupyter refuses to run as root unless told; containers and CI machines often are root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
LAB_ARGS ?=
PYTEST_ARGS ?=

PACKAGE_FILES := $(wildcard helpers/*.py autograder/*.py autograder/*/*.py autograder/*/templates/*)

.PHONY: setup lab test check release grade clean

setup: $(STAMP)

# The environment is rebuilt whenever the pins or the course package change, so a
# notebook never runs against a stale `helpers`.
$(STAMP): requirements.txt pyproject.toml course/system-packages.sh $(PACKAGE_FILES)
	./course/system-packages.sh
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --force-reinstall .
	@rm -rf build *.egg-info
	@touch $(STAMP)
	@echo "Environment ready in $(VENV)/ (helpers $$($(VENV)/bin/python -c 'import helpers; print(helpers.__version__)'))."

# check_environment.py: one message with the fix if .venv/ no longer matches requirements.txt or helpers/.
# course/jupyter/: the students' JupyterLab (Validate, without nbgrader's instructor and exchange views).
lab: $(STAMP)
	@$(BIN)/python course/check_environment.py
	JUPYTER_CONFIG_PATH="$(CURDIR)/course/jupyter$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" \
	  $(BIN)/jupyter lab --notebook-dir=release --port=$(LAB_PORT) $(ALLOW_ROOT) $(LAB_ARGS)

# One pytest worker per core; idle workers steal queued tests (the notebook runs are uneven).
TEST_JOBS ?= auto

test: $(STAMP)
	$(BIN)/python -m pytest -n $(TEST_JOBS) --dist worksteal --durations=15 $(PYTEST_ARGS)

# The fast tier: lint, then the tests marked `fast` (no notebook is executed), on two workers.
check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -m fast -n 2 --dist worksteal $(PYTEST_ARGS)

release: $(STAMP)
	$(BIN)/python -m autograder.course.release

grade: $(STAMP)
	$(BIN)/python -m autograder.cli $(ARGS)

clean:
	rm -rf $(VENV) build *.egg-info artifacts
