@echo off
rem ovl launcher for Windows: runs the CLI from this directory's ..\lib.
rem JAVA_HOME selects the runtime; OVL_JAVA_OPTS adds JVM options.
setlocal
set "APP_HOME=%~dp0.."
if defined JAVA_HOME (set "JAVA_EXE=%JAVA_HOME%\bin\java.exe") else (set "JAVA_EXE=java")
"%JAVA_EXE%" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto %OVL_JAVA_OPTS% -cp "%APP_HOME%\lib\*" io.ovl.cli.Main %*
exit /b %ERRORLEVEL%
