# why: Gradle wrapper, .kts scripts, gradle/ (wrapper and libs.versions.toml) and buildSrc/ (convention plugins: build logic only) first, ./gradlew dependencies, then src/ and bootJar (good)
# expect: none
FROM eclipse-temurin:21-jdk AS build
WORKDIR /workspace

COPY gradlew settings.gradle.kts build.gradle.kts gradle.properties ./
COPY gradle/ gradle/
COPY buildSrc/ buildSrc/
RUN ./gradlew dependencies --no-daemon > /dev/null

COPY src/ src/
RUN ./gradlew bootJar --no-daemon -x test

FROM eclipse-temurin:21-jre
WORKDIR /opt/app
COPY --from=build /workspace/build/libs/*.jar app.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "app.jar"]
