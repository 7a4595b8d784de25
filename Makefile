# Two commands do all set-up: `make run` starts the bot locally, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test check pytest browser migrate catalog bench pictures off-topic-model clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.run-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@ $(VENV)/.run-installed

run: $(VENV)/.run-installed
	$(BIN)/python main.py run --migrate

migrate: $(VENV)/.run-installed
	$(BIN)/python main.py db upgrade

# Chromium comes from Debian's packages; without it (and without root) the browser test is skipped.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
	  || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
	       && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	  || echo "chromium is not installed: the browser test will be skipped"

check: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/mypy bot handlers storage main.py
	$(BIN)/lint-imports

# The tests spread over the machine's cores (at most four processes), each with its own databases.
pytest: $(VENV)/.test-installed
	$(BIN)/pytest -q -p no:cacheprovider -n auto --maxprocesses 4

test: $(VENV)/.test-installed browser check pytest

# Re-extract messages after changing any text, then translate the new entries in locales/vi.
catalog: $(VENV)/.test-installed
	$(BIN)/pybabel extract --no-location --sort-output --project thidua-bot -k _ -k gettext -k N_ -k ngettext:1,2 -k translate:3 -o locales/messages.pot bot handlers
	$(BIN)/pybabel update --no-fuzzy-matching -i locales/messages.pot -d locales -D messages

# The README's chart and workbook pictures, drawn from the real files (needs Chromium).
pictures: $(VENV)/.test-installed browser
	$(BIN)/python docs/pictures.py

# Learn the off-topic check again after the development questions or the reading change; it
# prints its out-of-fold figures and writes locales/off_topic.json.
off-topic-model: $(VENV)/.test-installed
	$(BIN)/pip install -q -e '.[test,train]'
	$(BIN)/python bench/train_off_topic.py --write

bench: $(VENV)/.test-installed
	$(BIN)/python bench/flow.py
	$(BIN)/python bench/flow.py --database postgresql --instances 1,2
	$(BIN)/python bench/telegram.py
	$(BIN)/python bench/qa.py
	$(BIN)/python bench/broadcast.py
	$(BIN)/python bench/reminders.py
	$(BIN)/python bench/reports.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
