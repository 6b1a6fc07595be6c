# packaging/windows/build.ps1 : the Windows app-image, .msi and .exe of ObitoX. Runs on Windows only (jpackage
# builds for the system it runs on); needs a JDK 17+ with jmods (JAVA_HOME), Maven 3.8.7+ and WiX Toolset 3.x
# (candle.exe and light.exe on the PATH; jpackage of JDK 17 does not know WiX 4+).
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1            # app-image, .msi and .exe
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1 -Types msi  # only the .msi
#
# Output: target\dist\ObitoX\ (app-image), target\installer\ObitoX-VERSION.msi and .exe. The installed app has two
# launchers: ObitoX.exe (the window; files given to it land in the Upload view) and obitox-cli.exe (the command line,
# with a console: obitox-cli --version).
param([string[]]$Types = @('msi', 'exe'))
$ErrorActionPreference = 'Stop'
$root = Resolve-Path (Join-Path $PSScriptRoot '..\..')
Set-Location $root

if (-not $env:JAVA_HOME) { throw 'JAVA_HOME is not set: point it at a JDK 17+ with a jmods folder' }
$jdk = $env:JAVA_HOME
foreach ($tool in 'jlink', 'jpackage', 'jar') {
    if (-not (Test-Path "$jdk\bin\$tool.exe")) { throw "$jdk\bin\$tool.exe is missing: a full JDK is needed" }
}
if (-not (Test-Path "$jdk\jmods")) { throw "$jdk\jmods is missing: jlink needs the JDK's jmods" }
if (-not (Get-Command light.exe -ErrorAction SilentlyContinue)) { throw 'WiX 3.x (light.exe, candle.exe) is not on the PATH' }

# The version from the pom, without -SNAPSHOT (installer metadata take numbers only).
$pomVersion = ([xml](Get-Content pom.xml)).project.version
$version = $pomVersion -replace '-SNAPSHOT$', ''
if ($version -notmatch '^\d+(\.\d+){0,3}$') { throw "version '$pomVersion' is not numeric" }

& mvn -B -DskipTests -Pinstallers '-Dinstallers.linux.skip=true' package
if ($LASTEXITCODE -ne 0) { throw 'the Maven build failed' }

$target = Join-Path $root 'target'
$work = Join-Path $target 'jpackage'
foreach ($d in $work, "$target\dist", "$target\installer") { if (Test-Path $d) { Remove-Item -Recurse -Force $d } }
New-Item -ItemType Directory -Force "$work\input", "$work\javafx", "$target\installer" | Out-Null

# ObitoX's jar and its libraries on the class path; JavaFX's Windows jars become modules of the runtime.
& "$jdk\bin\jar" --create --file "$work\input\obitox.jar" -C "$target\classes" .  # ObitoX's own classes
foreach ($f in Get-ChildItem "$target\installer-libs\*.jar") {
    if ($f.Name -like 'javafx-*-win.jar') { Copy-Item $f.FullName "$work\javafx\" }
    elseif ($f.Name -notlike 'javafx-*' -and $f.Name -notlike 'commons-logging-*') { Copy-Item $f.FullName "$work\input\" }
}

Write-Host '[installers] jlink: trimmed runtime with JavaFX modules'
& "$jdk\bin\jlink" '@packaging/common/jlink.args' --module-path "$jdk\jmods;$work\javafx" `
    --exclude-resources 'glob:/javafx.graphics/*.dll,glob:/javafx.graphics/*.jar' --strip-native-commands `
    --output "$work\runtime"
if ($LASTEXITCODE -ne 0) { throw 'jlink failed' }
# JavaFX in a runtime image loads its DLLs from the runtime's bin folder
$graphics = (Get-ChildItem "$work\javafx\javafx-graphics-*-win.jar").FullName
Push-Location "$work\runtime\bin"
$dlls = & "$jdk\bin\jar" tf $graphics | Where-Object { $_ -match '^[^/]+\.dll$' }
& "$jdk\bin\jar" xf $graphics @dlls
Pop-Location

Write-Host "[installers] jpackage: app-image $version"
& "$jdk\bin\jpackage" '@packaging/common/jpackage.args' '@packaging/windows/jpackage.args' `
    --type app-image --app-version $version --input "$work\input" --runtime-image "$work\runtime" `
    --dest "$target\dist"
if ($LASTEXITCODE -ne 0) { throw 'jpackage (app-image) failed' }

foreach ($type in $Types) {
    Write-Host "[installers] jpackage: .$type"
    & "$jdk\bin\jpackage" --type $type --app-image "$target\dist\ObitoX" --name ObitoX --app-version $version `
        --vendor ObitoX --description 'Upload manager for S3-compatible storage' '@packaging/windows/installer.args' `
        --dest "$target\installer"
    if ($LASTEXITCODE -ne 0) { throw "jpackage (.$type) failed" }
}
Get-ChildItem "$target\installer"
