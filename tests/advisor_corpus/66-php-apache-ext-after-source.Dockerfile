# why: COPY the site, then apt-get install and docker-php-ext-install: a tool-install RUN after the source (bad)
# expect: cache-order 9
FROM php:8.2-apache

ENV APACHE_DOCUMENT_ROOT=/var/www/html/public
COPY . /var/www/html/

# Image libraries for the gd extension, added after the code
RUN apt-get update && apt-get install -y --no-install-recommends \
        libpng-dev libjpeg62-turbo-dev \
    && docker-php-ext-configure gd --with-jpeg \
    && docker-php-ext-install gd \
    && rm -rf /var/lib/apt/lists/*

RUN a2enmod rewrite
EXPOSE 80
