// Game development: engines, rendering and shaders, physics and game-loop vocabulary.
import { termList, type LexiconDomain } from './types.ts'

export const gamedev: LexiconDomain = {
  id: 'gamedev',
  strong: termList(`
    game dev, gamedev, game development, game engine, unity, unity3d, unreal, unreal engine, ue5,
    ue4, godot, gdscript, .gd, monobehaviour, gameobject, prefab, prefabs, scriptableobject,
    rigidbody, collider, colliders, raycast, navmesh, sprite, sprites, spritesheet, tilemap, shader,
    shaders, hlsl, glsl, shadergraph, opengl, vulkan, directx, metal api, webgl, three.js, threejs,
    babylon.js, pygame, phaser, love2d, monogame, bevy, game loop, frame rate, fps drop,
    physics engine, collision detection, netcode, multiplayer game, level design, npc, npcs,
    pathfinding, a* pathfinding, steam, steamworks, game jam, blueprint, blueprints, .unity,
    .uasset,
  `),
  medium: termList(`
    game, games, gaming, player, players, enemy, enemies, level, levels, physics, collision,
    rendering pipeline, render pipeline, frame, frames, fps, 60fps, animation controller, animator,
    particle, particles, texture, textures, mesh, meshes, 3d, 2d, camera follow, inventory system,
    spawn, multiplayer, lobby, matchmaking,
  `),
  weak: termList(`
    canvas, scene, scenes, animation, sound, audio, input lag, controller,
  `),
}
