; Inno Setup script: installs the one-folder app built by `make package` on a Windows shop PC,
; with a Start-menu entry (and an optional desktop icon).
;
; Build on Windows, after `make package` (or pyinstaller packaging\counter-app.spec):
;   iscc /DAppVersion=0.1.0 packaging\counter-app.iss
; The installer is written to dist\installer\counter-app-setup-<version>.exe.
;
; The shop's data (database, settings, backups, logs) lives in the user's AppData folders,
; not in the program folder: upgrading or uninstalling the program never deletes it.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Counter"
#define AppExe "counter-app.exe"
#define CliExe "counter-app-cli.exe"
#define BuiltFolder "..\dist\counter-app"

[Setup]
; Never change AppId: Windows recognises upgrades of the same program by it.
AppId={{6E0C3B52-8F1D-4C7B-9A43-2D5E7C1B9F10}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Counter
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
OutputDir=..\dist\installer
OutputBaseFilename=counter-app-setup-{#AppVersion}
SetupIconFile=counter-app.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
; Close a running Counter before replacing its files.
CloseApplications=yes

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#BuiltFolder}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the bundled libraries whole, so no file of an older version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{group}\{#AppName} self-test"; Filename: "{cmd}"; Parameters: "/k ""{app}\{#CliExe}"" self-test"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
