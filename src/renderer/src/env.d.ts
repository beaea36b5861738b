// Vite bundles imported CSS; TypeScript only needs to know the import is allowed.
declare module '*.css'
