# why: project/ (build.properties, plugins.sbt, Dependencies.scala: build definition only) and build.sbt, sbt update, then src/ and sbt stage (good)
# expect: none
FROM sbtscala/scala-sbt:eclipse-temurin-21.0.2_13_1.10.1_3.4.2 AS build
WORKDIR /app

# The sbt build definition: the project/ folder holds no application code
COPY project/ project/
COPY build.sbt ./
RUN sbt -batch update

COPY src/ src/
RUN sbt -batch stage

FROM eclipse-temurin:21-jre
WORKDIR /opt/app
COPY --from=build /app/target/universal/stage/ ./
EXPOSE 9000
CMD ["bin/catalog"]
