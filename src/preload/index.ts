// Exposes exactly the contract to the renderer as `window.switchboard`, nothing more.
import { contextBridge, ipcRenderer } from 'electron'
import { createBridge } from './bridge.ts'

contextBridge.exposeInMainWorld('switchboard', createBridge(ipcRenderer))
