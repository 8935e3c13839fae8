@echo off
rem ovl launcher for Windows: runs the CLI from this directory's ..\lib.
rem JAVA_HOME selects the runtime; OVL_JAVA_OPTS adds JVM options.
setlocal
set "APP_HOME=%~dp0.."
rem No parenthesised block: a JAVA_HOME such as "C:\Program Files (x86)\..." would end it early.
set "JAVA_EXE=java"
if defined JAVA_HOME set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
"%JAVA_EXE%" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto %OVL_JAVA_OPTS% -cp "%APP_HOME%\lib\*" io.ovl.cli.Main %*
exit /b %ERRORLEVEL%
