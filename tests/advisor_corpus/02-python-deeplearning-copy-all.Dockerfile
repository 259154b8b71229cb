# why: the common deep-learning Dockerfile: COPY . . then pip install -r requirements.txt, so every code edit reinstalls torch and friends (bad)
# expect: cache-order 13
FROM pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime

# OpenCV needs a few shared libraries
RUN apt-get update && apt-get install -y --no-install-recommends \
        git ffmpeg libsm6 libxext6 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /workspace

# Everything in, then the requirements
COPY . .
RUN pip install --no-cache-dir -r requirements.txt

ENV HF_HOME=/workspace/.cache/huggingface
EXPOSE 7860
CMD ["python", "train.py", "--config", "configs/base.yaml"]
