# why: three ADD --chown of source folders come before requirements.txt and pip install --user: one finding, at the first source copy (bad)
# expect: cache-order 10
FROM python:3.10-slim
RUN useradd --create-home app
USER app
WORKDIR /home/app/site
ENV PATH="/home/app/.local/bin:$PATH"

# Code, templates and assets first, the requirements last
ADD --chown=app:app app/ ./app/
ADD --chown=app:app templates/ ./templates/
ADD --chown=app:app static/ ./static/
ADD --chown=app:app requirements.txt ./
RUN pip install --user --no-cache-dir -r requirements.txt

EXPOSE 5000
CMD ["gunicorn", "-b", "0.0.0.0:5000", "app:create_app()"]
