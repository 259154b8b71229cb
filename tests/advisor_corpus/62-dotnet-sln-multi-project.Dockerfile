# why: JSON-form COPYs of the .sln, NuGet.config and each .csproj, restore, then everything and publish --no-restore (good)
# expect: none
FROM mcr.microsoft.com/dotnet/sdk:8.0-alpine AS build
WORKDIR /src

COPY ["Orders.sln", "NuGet.config", "./"]
COPY ["src/Orders.Api/Orders.Api.csproj", "src/Orders.Api/"]
COPY ["src/Orders.Domain/Orders.Domain.csproj", "src/Orders.Domain/"]
COPY ["tests/Orders.Tests/Orders.Tests.csproj", "tests/Orders.Tests/"]
RUN dotnet restore "Orders.sln"

COPY . .
WORKDIR /src/src/Orders.Api
RUN dotnet publish "Orders.Api.csproj" -c Release -o /app/publish --no-restore /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:8.0-alpine AS final
WORKDIR /app
EXPOSE 8080
COPY --from=build /app/publish .
ENTRYPOINT ["dotnet", "Orders.Api.dll"]
