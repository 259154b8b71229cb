# why: Laravel: COPY . . before composer install and before npm ci in two stages; the final stage copies source but installs nothing after it (bad, two findings)
# expect: cache-order 5, 10
FROM composer:2 AS vendor
WORKDIR /app
COPY . .
RUN composer install --no-dev --no-interaction --no-scripts --prefer-dist

FROM node:20-alpine AS assets
WORKDIR /app
COPY . .
RUN npm ci && npm run build

FROM php:8.3-fpm-alpine
WORKDIR /var/www/html
RUN docker-php-ext-install pdo_mysql opcache
COPY . .
COPY --from=vendor /app/vendor ./vendor
COPY --from=assets /app/public/build ./public/build
RUN chown -R www-data:www-data storage bootstrap/cache
USER www-data
CMD ["php-fpm"]
