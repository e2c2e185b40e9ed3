# Deep Q-Learning, from the training loop up — the course's commands.
#   make lab        install the Python environment (first run only; no root, no system package), copy
#                   the course's notebooks into your workspace (workspace/; never overwriting your
#                   files) and open it in JupyterLab
#   make test       set up everything (first run only) and run the whole test suite (what CI runs)
#   make check      the fast tier: ruff, the unit tests and the contract's static parts (under 3 minutes)
#   make release    regenerate release/ from source/ with nbgrader
#   make grade      grade every submission (see README, "The instructor's way")
#   make formgrader nbgrader's formgrader on the course, for manual grading (see README)
#   make system     the system packages grading and the test suite need (bubblewrap, chromium)

PYTHON ?= python3
VENV   := .venv
BIN    := $(CURDIR)/$(VENV)/bin
STAMP  := $(VENV)/.installed
# nbgrader's CLI shells out to alembic, so the environment's bin/ must come first on PATH.
export PATH := $(BIN):$(PATH)

LAB_PORT ?= 8888
# Where `make lab` puts the student's copies of the notebooks (git ignores workspace/).
WORKSPACE ?= workspace
# TORCH_INDEX=cpu: torch (still the version pinned in requirements.txt) from PyTorch's CPU-only
# wheel index, not PyPI's Linux build with its CUDA libraries. Applies when .venv/ is built.
TORCH_INDEX ?=
PIP_INDEX := $(if $(TORCH_INDEX),--extra-index-url https://download.pytorch.org/whl/$(TORCH_INDEX),)
# Jupyter refuses to run as root unless told; containers and CI machines often are root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
LAB_ARGS ?=
PYTEST_ARGS ?=

PACKAGE_FILES := $(wildcard helpers/*.py autograder/*.py autograder/*/*.py autograder/*/templates/*)

.PHONY: setup system lab formgrader test check release grade clean

setup: $(STAMP) system

# System packages (Debian's, with apt-get as root or with sudo; otherwise one message saying what
# to install): only grading and the test suite need them, never `make lab`.
system:
	@./course/system-packages.sh

# The Python environment is rebuilt whenever the pins or the course package change, so a
# notebook never runs against a stale `helpers`. Needs no root and no system package.
$(STAMP): requirements.txt pyproject.toml $(PACKAGE_FILES)
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check $(PIP_INDEX) -r requirements.txt
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --force-reinstall .
	@rm -rf build *.egg-info
	@touch $(STAMP)
	@echo "Environment ready in $(VENV)/ (helpers $$($(VENV)/bin/python -c 'import helpers; print(helpers.__version__)'))."

# check_environment.py: one message with the fix if .venv/ no longer matches requirements.txt or helpers/.
# student_workspace.py: new course files into $(WORKSPACE), the student's own never overwritten.
# course/jupyter/: the students' JupyterLab (Validate, without nbgrader's instructor and exchange
# views); its settings overrides (no news pop-up) go where JupyterLab reads them, in .venv/.
LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.d/dqn-course.json

lab: $(STAMP) $(LAB_OVERRIDES)
	@$(BIN)/python course/check_environment.py
	@$(BIN)/python course/student_workspace.py --workspace "$(WORKSPACE)"
	JUPYTER_CONFIG_PATH="$(CURDIR)/course/jupyter$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" \
	  $(BIN)/python -m jupyterlab --notebook-dir="$(WORKSPACE)" --port=$(LAB_PORT) $(ALLOW_ROOT) $(LAB_ARGS)

$(LAB_OVERRIDES): course/jupyter/overrides.json
	@mkdir -p $(dir $@)
	@cp $< $@

# One pytest worker per core; idle workers steal queued tests (the notebook runs are uneven).
TEST_JOBS ?= auto

test: $(STAMP) system
	$(BIN)/python -m pytest -n $(TEST_JOBS) --dist worksteal --durations=15 $(PYTEST_ARGS)

# The fast tier: lint, then the tests marked `fast` (no notebook is executed), on two workers.
check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -m fast -n 2 --dist worksteal $(PYTEST_ARGS)

release: $(STAMP)
	$(BIN)/python -m autograder.course.release

# Only the sandbox needs a system package (bubblewrap): not `export`, not --no-sandbox.
grade: $(STAMP)
	@$(if $(filter --no-sandbox export,$(ARGS)),true,./course/system-packages.sh bubblewrap)
	$(BIN)/python -m autograder.cli $(ARGS)

# nbgrader's formgrader on the course, for grading written answers by hand: the repository is the
# working folder (nbgrader_config.py), without course/jupyter/ (which turns formgrader off). Log in
# at the printed /login address with FORMGRADER_PASSWORD (not with ?token= in the address: see README).
FORMGRADER_PORT ?= 8890
FORMGRADER_PASSWORD ?=
formgrader: $(STAMP)
	@mkdir -p course/work
	@pw='$(FORMGRADER_PASSWORD)'; [ -n "$$pw" ] || pw="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(12))')"; \
	echo "Formgrader: open http://localhost:$(FORMGRADER_PORT)/login?next=/formgrader and log in with the password $$pw"; \
	exec $(BIN)/python -m jupyterlab --no-browser --port=$(FORMGRADER_PORT) $(ALLOW_ROOT) --notebook-dir=. --IdentityProvider.token= \
	  --PasswordIdentityProvider.hashed_password="$$($(BIN)/python -c 'import sys; from jupyter_server.auth import passwd; print(passwd(sys.argv[1]))' "$$pw")" \
	  $(LAB_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info artifacts
