// Desktop application programming: native GUI toolkits and OS automation on the user's own
// computer. Web, server and phone apps are other fields.
import { termList, type LexiconDomain } from './types.ts'

export const desktop: LexiconDomain = {
  id: 'desktop',
  strong: termList(`
    desktop app, desktop application, desktop gui, winforms, windows forms, wpf, xaml, winui, uwp,
    win32, win32 api, mfc, gtk, gtk3, gtk4, qt, pyqt, pyside, qml, qwidget, tkinter, wxwidgets,
    wxpython, swing, jframe, javafx, awt, cocoa, appkit, nsview, nswindow, avalonia, dear imgui,
    imgui, applescript, automator, autohotkey, ahk, vba, excel macro, word macro, office add-in,
    tray icon, global hotkey, msi, nsis, pyinstaller, registry key, windows registry, system tray,
  `),
  medium: termList(`
    gui, message box, main window, ui thread, taskbar, installer, .exe, dll, powershell,
  `),
  weak: termList(`
    windows, macos, window, dialog, desktop,
  `),
}
