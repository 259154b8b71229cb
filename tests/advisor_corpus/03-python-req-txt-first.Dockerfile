# why: the manifest is called req.txt but it is copied alone and read by pip install -r, so it is a manifest: cached correctly (good)
# expect: none
FROM python:3.11-slim-bookworm
LABEL org.opencontainers.image.title="weather-bot"

WORKDIR /bot
ENV PYTHONUNBUFFERED=1

# The project keeps its pins in req.txt
COPY req.txt /bot/req.txt
RUN pip install --no-cache-dir -r /bot/req.txt

COPY bot/ /bot/bot/
COPY main.py /bot/

CMD ["python", "main.py"]
