# why: COPY . /myapp then bundle install: every edit reinstalls the gems (bad)
# expect: cache-order 8
FROM ruby:3.2
RUN apt-get update -qq && apt-get install -y nodejs postgresql-client \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /myapp
COPY . /myapp
RUN bundle install

EXPOSE 3000
CMD ["rails", "server", "-b", "0.0.0.0"]
