// Desktop application programming: native GUI toolkits and OS automation on the user's own
// computer. Web, server and phone apps are other fields.
import { termList, type LexiconDomain } from './types.ts'

export const desktop: LexiconDomain = {
  id: 'desktop',
  strong: termList(`
    desktop app, desktop application, desktop gui, winforms, windows forms, wpf, xaml, winui, uwp,
    win32, win32 api, mfc, gtk, gtk3, gtk4, qt, pyqt, pyside, qml, qwidget, tkinter, wxwidgets,
    wxpython, swing, jframe, javafx, awt, cocoa, appkit, nsview, nswindow, avalonia, maui desktop,
    dear imgui, imgui, applescript, automator, autohotkey, ahk, powershell, vba, excel macro,
    word macro, office add-in, system tray, tray icon, global hotkey, keyboard shortcut, installer,
    msi, nsis, pyinstaller, .exe, dll, registry key, windows registry, clipboard,
  `),
  medium: termList(`
    gui, window, windows, dialog, message box, progress bar, main window, widget, widgets,
    event loop, ui thread, dispatcher, menu bar, context menu, taskbar, dock, finder, explorer,
    macos, mac, windows 10, windows 11,
  `),
  weak: termList(`
    app, application, click, shortcut, shortcuts, file dialog, folder, folders, desktop,
  `),
}
