"""`lint --fix`: each cache-order finding rewritten, everything else kept as written, or a
refusal that says why and what to do by hand."""

import subprocess
import sys

import pytest

import helpers

HEAD = "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n"
PYTHON = {"requirements.txt": "flask\n", "app.py": "print(1)\n"}

# (name, files of the context, Dockerfile, the rewrite expected)
REWRITES = [
    (
        "pip, everything first",
        PYTHON,
        HEAD + "WORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n",
        HEAD + "WORKDIR /app\n"
        "# The dependency manifests first: they change less often than the code.\n"
        "COPY requirements.txt ./\nRUN pip install -r requirements.txt\nCOPY . .\n",
    ),
    (
        "flags, comments and ENV kept",
        PYTHON,
        HEAD + "# the code\nCOPY --chown=1000:1000 . /srv/\nENV PIP_NO_CACHE_DIR=1\n"
        "RUN pip install -r /srv/requirements.txt \\\n    && python -m compileall /srv\n",
        HEAD + "# The dependency manifests first: they change less often than the code.\n"
        "COPY --chown=1000:1000 requirements.txt /srv/\nENV PIP_NO_CACHE_DIR=1\n"
        "RUN pip install -r /srv/requirements.txt\n# the code\nCOPY --chown=1000:1000 . /srv/\n"
        "RUN python -m compileall /srv\n",
    ),
    (
        "a requirements file that includes one in another folder",
        {"requirements/prod.txt": "-r ../common/base.txt\n", "common/base.txt": "flask\n"},
        HEAD + "WORKDIR /app\nCOPY . .\nRUN pip install -r requirements/prod.txt\n",
        HEAD + "WORKDIR /app\n"
        "# The dependency manifests first: they change less often than the code.\n"
        "COPY requirements/prod.txt ./requirements/\nCOPY common/base.txt ./common/\n"
        "RUN pip install -r requirements/prod.txt\nCOPY . .\n",
    ),
    (
        "a requirements file that includes another",
        {"req/prod.txt": "-r base.txt\ngunicorn\n", "req/base.txt": "flask\n", "app.py": "x\n"},
        HEAD + "COPY . /app\nRUN pip install -r /app/req/prod.txt\n",
        HEAD + "# The dependency manifests first: they change less often than the code.\n"
        "COPY req/prod.txt req/base.txt /app/req/\nRUN pip install -r /app/req/prod.txt\n"
        "COPY . /app\n",
    ),
    (
        "poetry, in one step",
        {"pyproject.toml": "[tool.poetry]\n", "poetry.lock": "", "README.md": "", "app.py": ""},
        HEAD + "WORKDIR /app\nCOPY . .\nRUN poetry install --without dev\n",
        HEAD + "WORKDIR /app\n"
        "# The dependency manifests first: they change less often than the code.\n"
        "COPY poetry.lock pyproject.toml ./\nRUN poetry install --without dev --no-root\n"
        "COPY . .\nRUN poetry install --only-root\n",
    ),
    (
        "uv sync",
        {"pyproject.toml": "", "uv.lock": "", "src/app.py": ""},
        HEAD + "COPY . /app\nRUN uv sync --locked\n",
        HEAD + "# The dependency manifests first: they change less often than the code.\n"
        "COPY pyproject.toml uv.lock /app/\nRUN uv sync --locked --no-install-project\n"
        "COPY . /app\nRUN uv sync --locked\n",
    ),
    (
        "npm ci, then the build",
        {"package.json": "{}", "package-lock.json": "{}", "src/index.js": ""},
        HEAD + "WORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n",
        HEAD + "WORKDIR /app\n"
        "# The dependency manifests first: they change less often than the code.\n"
        "COPY package-lock.json package.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n",
    ),
    (
        "yarn",
        {"package.json": "{}", "yarn.lock": "", "index.js": ""},
        HEAD + "COPY . /app/\nRUN cd /app && yarn install --frozen-lockfile\n",
        None,  # `cd /app` first: refused (it is not an install)
    ),
    (
        "go, the build fetches the modules",
        {"go.mod": "module x\n", "go.sum": "", "main.go": "package main\n"},
        HEAD + "WORKDIR /src\nCOPY . .\nRUN go build -o /bin/app .\n",
        HEAD + "WORKDIR /src\n"
        "# The dependency manifests first: they change less often than the code.\n"
        "COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /bin/app .\n",
    ),
    (
        "maven",
        {"pom.xml": "<project/>", "src/Main.java": ""},
        HEAD + "WORKDIR /build\nCOPY . .\nRUN mvn -B package -DskipTests\n",
        HEAD + "WORKDIR /build\n"
        "# The dependency manifests first: they change less often than the code.\n"
        "COPY pom.xml ./\nRUN mvn dependency:go-offline -B\nCOPY . .\n"
        "RUN mvn -B package -DskipTests\n",
    ),
    (
        "dotnet",
        {"api.csproj": "<Project/>", "Program.cs": ""},
        HEAD + "WORKDIR /src\nCOPY . .\nRUN dotnet restore\nRUN dotnet publish -o /out\n",
        HEAD + "WORKDIR /src\n"
        "# The dependency manifests first: they change less often than the code.\n"
        "COPY api.csproj ./\nRUN dotnet restore\nCOPY . .\nRUN dotnet publish -o /out\n",
    ),
    (
        "bundler",
        {"Gemfile": "", "Gemfile.lock": "", "app.rb": ""},
        HEAD + "WORKDIR /app\nCOPY . .\nRUN bundle install\n",
        HEAD + "WORKDIR /app\n"
        "# The dependency manifests first: they change less often than the code.\n"
        "COPY Gemfile Gemfile.lock ./\nRUN bundle install\nCOPY . .\n",
    ),
    (
        "a tool after the source",
        PYTHON,
        HEAD + "COPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n"
        "RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n",
        HEAD + "COPY requirements.txt .\nRUN pip install -r requirements.txt\n"
        "RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n"
        "COPY . .\n",
    ),
    (
        "a tool, then a command that uses the source",
        {"go.mod": "", "go.sum": "", "main.go": ""},
        HEAD + "COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n"
        "RUN go install github.com/swaggo/swag/cmd/swag@v1.16.3 && swag init\n",
        HEAD + "COPY go.mod go.sum ./\nRUN go mod download\n"
        "RUN go install github.com/swaggo/swag/cmd/swag@v1.16.3\nCOPY . .\nRUN swag init\n",
    ),
    (
        "an install that removes its build tools in the same RUN",
        PYTHON,
        HEAD + "COPY . /app\nRUN apt-get update && apt-get install -y gcc \\\n"
        "    && pip install -r /app/requirements.txt \\\n    && apt-get purge -y gcc\n",
        HEAD + "# The dependency manifests first: they change less often than the code.\n"
        "COPY requirements.txt /app/\nRUN apt-get update && apt-get install -y gcc \\\n"
        "    && pip install -r /app/requirements.txt \\\n    && apt-get purge -y gcc\n"
        "COPY . /app\n",
    ),
    (
        "the source in another folder than the manifests",
        {"requirements.txt": "flask\n", "src/app.py": ""},
        HEAD + "COPY src/ ./src\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n",
        HEAD + "COPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY src/ ./src\n",
    ),
    (
        "a destination written with a variable",
        PYTHON,
        HEAD + "ARG DIR=/app\nCOPY . ${DIR}/\nRUN pip install -r ${DIR}/requirements.txt\n",
        HEAD + "ARG DIR=/app\n"
        "# The dependency manifests first: they change less often than the code.\n"
        "COPY requirements.txt ${DIR}/\nRUN pip install -r ${DIR}/requirements.txt\n"
        "COPY . ${DIR}/\n",
    ),
    (
        "a folder among the manifests",
        {"pom.xml": "<project/>", "mvnw": "", ".mvn/wrapper/maven-wrapper.properties": "", "A": ""},
        HEAD + "WORKDIR /b\nCOPY . .\nRUN ./mvnw -B package\n",
        HEAD + "WORKDIR /b\n"
        "# The dependency manifests first: they change less often than the code.\n"
        "COPY .mvn ./.mvn/\nCOPY mvnw pom.xml ./\nRUN ./mvnw dependency:go-offline -B\nCOPY . .\n"
        "RUN ./mvnw -B package\n",
    ),
    (
        "two stages, the second untouched",
        {"package.json": "{}", "package-lock.json": "{}", "index.js": ""},
        HEAD.replace("}", "} AS build") + "COPY . .\nRUN npm ci\n"
        "FROM ${BASE_IMAGE}\nCOPY --from=build /node_modules /node_modules\n",
        HEAD.replace("}", "} AS build")
        + "# The dependency manifests first: they change less often than the code.\n"
        "COPY package-lock.json package.json ./\nRUN npm ci\nCOPY . .\n"
        "FROM ${BASE_IMAGE}\nCOPY --from=build /node_modules /node_modules\n",
    ),
]

# (name, files, Dockerfile, words of the refusal)
REFUSALS = [
    (
        "pip install . in one step",
        {"pyproject.toml": "", "app.py": ""},
        HEAD + "COPY . /app\nRUN pip install /app\n",
        "installs from the source itself",
    ),
    (
        "cargo build",
        {"Cargo.toml": "", "Cargo.lock": "", "src/main.rs": ""},
        HEAD + "COPY . .\nRUN cargo build --release\n",
        "cargo-chef",
    ),
    (
        "a script run before the install",
        PYTHON,
        HEAD + "COPY . .\nRUN ./prepare.sh\nRUN pip install -r requirements.txt\n",
        "comes between the source COPY and the install",
    ),
    (
        "a tool install in the stage after",
        {"package.json": "{}", "package-lock.json": "{}", "index.js": ""},
        HEAD.replace("}", "} AS base") + "COPY package*.json ./\nRUN npm ci\nCOPY . .\n"
        "FROM base AS dev\nRUN npm install -g nodemon\n",
        "the source comes from the stage this one starts FROM",
    ),
    (
        "npm install scripts",
        {"package.json": '{"scripts": {"postinstall": "node scripts/gen.js"}}', "index.js": ""},
        HEAD + "COPY . .\nRUN npm install\n",
        "package.json's install scripts",
    ),
    (
        "maven modules",
        {"pom.xml": "<project/>", "core/pom.xml": "<project/>", "core/Main.java": ""},
        HEAD + "COPY . .\nRUN mvn -B package\n",
        "core/pom.xml",
    ),
    (
        "a gemspec",
        {"Gemfile": "source 'x'\ngemspec\n", "Gemfile.lock": "", "lib/x.rb": ""},
        HEAD + "COPY . .\nRUN bundle install\n",
        "the gemspec",
    ),
    (
        "composer's autoloader",
        {"composer.json": "{}", "composer.lock": "{}", "src/A.php": ""},
        HEAD + "COPY . .\nRUN composer install --no-dev\n",
        "--no-scripts --no-autoloader",
    ),
    (
        "uv path sources",
        {"pyproject.toml": "[tool.uv.sources]\nlib = { path = 'libs/lib' }\n", "uv.lock": ""},
        HEAD + "COPY . /app\nRUN uv sync --locked\n",
        "workspace members or path sources",
    ),
    (
        "a tool named in a file",
        {"requirements.txt": "flask\n", "apt.txt": "curl\n"},
        HEAD + "COPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n"
        "RUN apt-get install -y $(cat apt.txt)\n",
        "reads files of the project",
    ),
    (
        "a variable the COPY uses, set before the install",
        PYTHON,
        HEAD + "COPY . $DEST\nENV DEST=/other\nRUN pip install -r /other/requirements.txt\n",
        "sets DEST, which the source COPY uses",
    ),
    (
        "no manifest in the context",
        {"index.js": ""},
        HEAD + "COPY . .\nRUN npm ci\n",
        "no manifest for `npm ci` was found",
    ),
]


def _context(tmp_path, files, dockerfile):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    (tmp_path / "Dockerfile").write_text(dockerfile)
    return tmp_path / "Dockerfile"


@pytest.mark.parametrize(
    ("name", "files", "dockerfile", "expected"), REWRITES, ids=[r[0] for r in REWRITES]
)
def test_each_finding_is_rewritten_and_the_rest_kept(tmp_path, name, files, dockerfile, expected):
    fix = helpers.fix_dockerfile(_context(tmp_path, files, dockerfile))
    if expected is None:
        assert not fix.changed and fix.steps and not fix.steps[0].rewritten
        return
    assert fix.rewritten == expected, fix.diff()
    assert all(step.rewritten for step in fix.steps)
    (tmp_path / "Dockerfile.fixed").write_text(fix.rewritten)
    assert "cache-order" not in helpers.lint(tmp_path / "Dockerfile.fixed").rules()


@pytest.mark.parametrize(
    ("name", "files", "dockerfile", "words"), REFUSALS, ids=[r[0] for r in REFUSALS]
)
def test_what_cannot_be_rewritten_safely_is_refused_with_the_manual_step(
    tmp_path, name, files, dockerfile, words
):
    fix = helpers.fix_dockerfile(_context(tmp_path, files, dockerfile))
    assert not fix.changed
    (step,) = fix.steps
    assert not step.rewritten and words in step.what


def test_the_command_line_prints_a_diff_and_writes_only_when_asked(tmp_path):
    path = _context(tmp_path, PYTHON, HEAD + "COPY . .\nRUN pip install -r requirements.txt\n")
    before = path.read_text()
    shown = subprocess.run(
        [sys.executable, "-m", "helpers", "lint", str(path), "--fix"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "+COPY requirements.txt ./" in shown.stdout and path.read_text() == before
    subprocess.run(
        [sys.executable, "-m", "helpers", "lint", str(path), "--fix", "--write"], check=True
    )
    assert path.read_text() != before
    assert "cache-order" not in helpers.lint(path).rules()
    refused = subprocess.run(
        [sys.executable, "-m", "helpers", "lint", str(path), "--write"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert refused.returncode == 1 and "add --fix" in refused.stderr


def test_a_finding_left_for_the_learner_exits_2_and_crlf_stays(tmp_path):
    path = _context(tmp_path, {"pyproject.toml": "", "app.py": ""}, "")
    path.write_bytes((HEAD + "COPY . /app\nRUN pip install /app\n").replace("\n", "\r\n").encode())
    reply = subprocess.run(
        [sys.executable, "-m", "helpers", "lint", str(path), "--fix"], capture_output=True
    )
    assert reply.returncode == 2 and b"not rewritten" in reply.stdout
    fixed = _context(tmp_path / "ok", PYTHON, "")
    fixed.write_bytes(
        (HEAD + "COPY . .\nRUN pip install -r requirements.txt\n").replace("\n", "\r\n").encode()
    )
    rewritten = helpers.fix_dockerfile(fixed).rewritten
    assert rewritten.count("\r\n") == rewritten.count("\n")


def test_the_advisor_knows_the_files_a_requirements_file_includes(tmp_path):
    """`COPY common/` before the install is no source when requirements/prod.txt includes
    ../common/base.txt and nothing else is in common/; with a module beside it, it is."""
    (tmp_path / "requirements").mkdir()
    (tmp_path / "common").mkdir()
    (tmp_path / "requirements" / "prod.txt").write_text("-r ../common/base.txt\n")
    (tmp_path / "common" / "base.txt").write_text("flask\n")
    (tmp_path / "Dockerfile").write_text(
        HEAD + "WORKDIR /app\nCOPY requirements/ requirements/\nCOPY common/ common/\n"
        "RUN pip install -r requirements/prod.txt\nCOPY . .\n"
    )
    order = [f for f in helpers.lint(tmp_path / "Dockerfile").findings if f.rule == "cache-order"]
    assert order == []
    (tmp_path / "common" / "settings.py").write_text("DEBUG = False\n")
    order = [f for f in helpers.lint(tmp_path / "Dockerfile").findings if f.rule == "cache-order"]
    assert [f.line for f in order] == [5]
