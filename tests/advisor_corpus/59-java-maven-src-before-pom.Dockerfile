# why: COPY src before pom.xml and mvn package (bad)
# expect: cache-order 6
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /app

COPY src /app/src
COPY pom.xml /app
RUN mvn -f /app/pom.xml clean package -DskipTests

FROM eclipse-temurin:21-jre
COPY --from=build /app/target/inventory.jar /usr/local/lib/inventory.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/usr/local/lib/inventory.jar"]
