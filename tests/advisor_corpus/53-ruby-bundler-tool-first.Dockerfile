# why: gem install bundler (a tool) before any copy, then Gemfile(.lock), bundle install, then the app (good)
# expect: none
FROM ruby:3.3-slim-bookworm
ENV LANG=C.UTF-8 \
    BUNDLE_JOBS=4

RUN gem install bundler -v 2.5.11
WORKDIR /app

COPY Gemfile Gemfile.lock ./
RUN bundle config set --local without 'development test' \
    && bundle install

COPY --chown=1000:1000 . .
USER 1000
EXPOSE 4567
CMD ["bundle", "exec", "rackup", "--host", "0.0.0.0", "-p", "4567"]
