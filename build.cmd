@echo off
rem One entry point on Windows: build.cmd build|test|run|bench [--mlnet auto|package|shim] [--configuration Release|Debug] [-- args]
rem Same behaviour as build.sh: the real Microsoft.ML package when it restores, otherwise the offline shim.
setlocal EnableDelayedExpansion
cd /d "%~dp0"

set "COMMAND=%~1"
if "%COMMAND%"=="" goto :usage
shift
set "MLNET=auto"
set "CONFIGURATION=Release"
set "PASSTHROUGH="
:parse
if "%~1"=="" goto :parsed
if "%~1"=="--mlnet" ( set "MLNET=%~2" & shift & shift & goto :parse )
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
if /i not "%MLNET%"=="auto" if /i not "%MLNET%"=="package" if /i not "%MLNET%"=="shim" (
  echo build.cmd: --mlnet must be auto, package or shim, not '%MLNET%' 1>&2
  exit /b 2
)
where dotnet >nul 2>nul || ( echo build.cmd: the .NET SDK 10.0 or later is required and 'dotnet' is not on PATH 1>&2 & exit /b 1 )
set DOTNET_CLI_TELEMETRY_OPTOUT=1
set DOTNET_NOLOGO=1

if /i "%MLNET%"=="auto" call :probe
set "PROPS=-p:MLNetSource=%MLNET% -c %CONFIGURATION%"

if /i "%COMMAND%"=="build" ( dotnet build MLExtensions.sln %PROPS% -warnaserror & exit /b !ERRORLEVEL! )
if /i "%COMMAND%"=="test" (
  dotnet build MLExtensions.sln %PROPS% -warnaserror || exit /b 1
  dotnet test MLExtensions.sln %PROPS% --no-build %PASSTHROUGH%
  exit /b !ERRORLEVEL!
)
if /i "%COMMAND%"=="run" (
  if not exist samples\Quickstart\Quickstart.csproj ( echo build.cmd: the main sample arrives with the first trainer 1>&2 & exit /b 1 )
  dotnet run --project samples\Quickstart\Quickstart.csproj %PROPS% -- %PASSTHROUGH%
  exit /b !ERRORLEVEL!
)
if /i "%COMMAND%"=="bench" ( dotnet run --project tests\MLExtensions.Benchmarks\MLExtensions.Benchmarks.csproj %PROPS% -- %PASSTHROUGH% & exit /b !ERRORLEVEL! )
echo build.cmd: unknown command '%COMMAND%' 1>&2
goto :usage

:probe
for /f "tokens=3 delims=<>" %%v in ('findstr /c:"<MLNetVersion>" Directory.Build.props') do set "MLNETVERSION=%%v"
set "PROBE=%TEMP%\mlext-probe-%RANDOM%%RANDOM%"
mkdir "%PROBE%"
> "%PROBE%\probe.csproj" echo ^<Project Sdk="Microsoft.NET.Sdk"^>^<PropertyGroup^>^<TargetFramework^>net8.0^</TargetFramework^>^</PropertyGroup^>^<ItemGroup^>^<PackageReference Include="Microsoft.ML" Version="%MLNETVERSION%" /^>^</ItemGroup^>^</Project^>
dotnet restore "%PROBE%\probe.csproj" >nul 2>nul
if errorlevel 1 (
  echo build.cmd: Microsoft.ML %MLNETVERSION% cannot be restored from this machine's package source; using the offline shim ^(src\MLNetShim^).
  set "MLNET=shim"
) else (
  set "MLNET=package"
)
rmdir /s /q "%PROBE%"
exit /b 0

:usage
echo usage: build.cmd ^<build^|test^|run^|bench^> [--mlnet auto^|package^|shim] [--configuration Release^|Debug] [-- args]
exit /b 2
