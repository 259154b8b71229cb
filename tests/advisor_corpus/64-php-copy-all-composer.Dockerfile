# why: COPY . . then composer install in the vendor stage; the apache stage only copies from it (bad)
# expect: cache-order 6
FROM composer:2 AS vendor
WORKDIR /app

COPY . .
RUN composer install --no-dev --optimize-autoloader --no-interaction

FROM php:8.2-apache
RUN docker-php-ext-install pdo pdo_mysql
COPY --from=vendor /app /var/www/html
RUN a2enmod rewrite
EXPOSE 80
