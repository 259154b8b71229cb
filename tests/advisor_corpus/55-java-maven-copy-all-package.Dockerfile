# why: COPY . . then mvn clean package with no go-offline step: the package downloads the dependencies on every edit (bad)
# expect: cache-order 6
FROM maven:3.9.8-eclipse-temurin-17 AS build
WORKDIR /usr/src/app

COPY . .
RUN mvn clean package -DskipTests

FROM eclipse-temurin:17-jre
COPY --from=build /usr/src/app/target/demo-0.0.1-SNAPSHOT.jar /opt/demo.jar
EXPOSE 8080
CMD ["java", "-jar", "/opt/demo.jar"]
