# why: settings/build .kts and gradle.properties, gradle dependencies, then src and gradle bootJar (good)
# expect: none
FROM gradle:8.8-jdk21 AS build
WORKDIR /home/gradle/project

COPY --chown=gradle:gradle settings.gradle.kts build.gradle.kts gradle.properties ./
RUN gradle dependencies --no-daemon > /dev/null

COPY --chown=gradle:gradle src ./src
RUN gradle bootJar --no-daemon -x test

FROM eclipse-temurin:21-jre
WORKDIR /opt/app
COPY --from=build /home/gradle/project/build/libs/*.jar app.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "app.jar"]
