# why: the gemspec is a manifest, but lib/linkcheck/version.rb copied for it before bundle install is source (bad)
# expect: cache-order 9
FROM ruby:3.3-alpine
RUN apk add --no-cache build-base git
WORKDIR /gem

# The gemspec reads the version constant, so version.rb is copied early
COPY Gemfile Gemfile.lock linkcheck.gemspec ./
COPY lib/linkcheck/version.rb lib/linkcheck/
RUN bundle install --jobs 4 --retry 3

COPY . .
ENTRYPOINT ["bundle", "exec", "exe/linkcheck"]
