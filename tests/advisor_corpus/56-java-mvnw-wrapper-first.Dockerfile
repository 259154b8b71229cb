# why: maven wrapper (mvnw, .mvn/) and pom.xml, ./mvnw dependency:go-offline, then src and package (good)
# expect: none
FROM eclipse-temurin:21-jdk-jammy AS deps
WORKDIR /workspace

COPY mvnw ./
COPY .mvn/ .mvn/
COPY pom.xml ./
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B dependency:go-offline

FROM deps AS package
COPY src ./src
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B package -DskipTests

FROM eclipse-temurin:21-jre-jammy
COPY --from=package /workspace/target/*.jar /app.jar
USER 1000
ENTRYPOINT ["java", "-jar", "/app.jar"]
