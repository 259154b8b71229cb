# why: apt packages, then Gemfile + Gemfile.lock and bundle install, then the app (good)
# expect: none
FROM ruby:3.3-slim

RUN apt-get update -qq \
    && apt-get install -y --no-install-recommends build-essential libpq-dev \
    && rm -rf /var/lib/apt/lists/*

ENV BUNDLE_WITHOUT="development:test" \
    BUNDLE_DEPLOYMENT=1 \
    RAILS_ENV=production
WORKDIR /rails

COPY Gemfile Gemfile.lock ./
RUN bundle install --jobs 4 && rm -rf ~/.bundle/ "${BUNDLE_PATH}"/ruby/*/cache

COPY . .
RUN bundle exec bootsnap precompile app/ lib/

EXPOSE 3000
CMD ["bin/rails", "server", "-b", "0.0.0.0"]
