@echo off
rem One entry point on Windows: build.cmd build|test|check|run|bench [--configuration Release|Debug] [-- args]
rem Same behaviour as build.sh.
setlocal EnableDelayedExpansion
cd /d "%~dp0"

set "COMMAND=%~1"
if "%COMMAND%"=="" goto :usage
shift
set "CONFIGURATION=Release"
set "PASSTHROUGH="
:parse
if "%~1"=="" goto :parsed
if "%~1"=="--configuration" ( set "CONFIGURATION=%~2" & shift & shift & goto :parse )
if "%~1"=="-c" ( set "CONFIGURATION=%~2" & shift & shift & goto :parse )
if "%~1"=="--" ( shift & goto :rest )
echo build.cmd: unknown option '%~1' 1>&2
goto :usage
:rest
if "%~1"=="" goto :parsed
set "PASSTHROUGH=!PASSTHROUGH! %1"
shift
goto :rest
:parsed
where dotnet >nul 2>nul || ( echo build.cmd: the .NET SDK 10.0 or later is required and 'dotnet' is not on PATH 1>&2 & exit /b 1 )
set DOTNET_CLI_TELEMETRY_OPTOUT=1
set DOTNET_NOLOGO=1

set "PROPS=-c %CONFIGURATION%"

if /i "%COMMAND%"=="build" ( dotnet build MLExtensions.sln %PROPS% -warnaserror & exit /b !ERRORLEVEL! )
if /i "%COMMAND%"=="test" (
  dotnet build MLExtensions.sln %PROPS% -warnaserror || exit /b 1
  dotnet test MLExtensions.sln %PROPS% --no-build %PASSTHROUGH%
  exit /b !ERRORLEVEL!
)
if /i "%COMMAND%"=="check" (
  dotnet format MLExtensions.sln --verify-no-changes -v q || exit /b 1
  dotnet msbuild tests\BuildRules\BuildRules.proj -t:Check -nologo -v m
  exit /b !ERRORLEVEL!
)
if /i "%COMMAND%"=="run" (
  dotnet run --project samples\Quickstart\Quickstart.csproj %PROPS% -- %PASSTHROUGH%
  exit /b !ERRORLEVEL!
)
if /i "%COMMAND%"=="bench" ( dotnet run --project tests\MLExtensions.Benchmarks\MLExtensions.Benchmarks.csproj %PROPS% -- %PASSTHROUGH% & exit /b !ERRORLEVEL! )
echo build.cmd: unknown command '%COMMAND%' 1>&2
goto :usage

:usage
echo usage: build.cmd ^<build^|test^|check^|run^|bench^> [--configuration Release^|Debug] [-- args]
exit /b 2
