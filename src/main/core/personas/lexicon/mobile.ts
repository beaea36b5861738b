// Mobile apps: iOS and Android native stacks, cross-platform frameworks, stores and device APIs.
import { termList, type LexiconDomain } from './types.ts'

export const mobile: LexiconDomain = {
  id: 'mobile',
  strong: termList(`
    mobile, mobile app, mobile apps, ios, iphone, iphones, ipad, ipados, watchos, android, swift,
    swiftui, uikit, objective-c, objc, xcode, cocoapods, pod install, podfile,
    swift package manager, carthage, testflight, app store, app store connect, app review,
    app store review, play store, google play, play console, apk, aab, android app bundle, kotlin,
    jetpack compose, composable, @Composable, recomposition, recompose, recomposes, viewmodel,
    viewModelScope, livedata, stateflow, lifecycleScope, onCreate, onResume,  
    activity lifecycle,  android studio, adb, emulator, simulator, ios simulator,
    android emulator, gradle, build.gradle, build.gradle.kts, androidmanifest.xml, info.plist,
    .plist, flutter, dart, .dart, widget tree, statelesswidget, statefulwidget, renderflex,
    pubspec.yaml, react native, react-native, expo, expo go, eas build, metro bundler, 
    flatlist, hermes, capacitor, ionic, cordova, xamarin, .net maui, maui, kotlin multiplatform,
    kmp, cross-platform, native app, native apps, smartphone, smartphones, phone, phones, tablet,
    push notification, push notifications, apns, fcm, firebase cloud messaging, crashlytics,
    deep link, deep links, deep linking, universal links, app links, in-app purchase,
    in-app purchases, storekit, play billing, core data, coredata, realm, room database,
    userdefaults, sharedpreferences, datastore, keychain, background location, location updates,
    core location, geofencing, bluetooth, ble, corebluetooth, nfc, haptics, safe area,
    safe area insets, notch, dynamic island, keyboardavoidingview, soft keyboard,
    on-screen keyboard,  app launch, launch  splash screen, battery drain,
    battery life, code signing, provisioning profile, signing certificate,  
    uitableview, uicollectionview, uiviewcontroller, viewcontroller, storyboard, autolayout,
    auto layout, navigationstack, navigationview, observableobject,  
    @StateObject, dispatchqueue, main thread checker, anr, application not responding, tab bar,
    navigation bar, screen, orientation change,  
  `),
  medium: termList(`
     screen, screens, swipe, gesture, gestures, tap, camera, photo library, gps, location,
    permission prompt, permissions, offline, offline-first,  battery, energy, notification,
    notifications, firebase, sqlite, widget, widgets, coroutine, coroutines,  main thread,
    background thread, dark mode, hot reload, store review, mobile device, mobile devices, device,
    devices,   keyboard, vibration, screen, intent, fragment, fragments, release build, keystore, cold start, metro, portrait, landscape,
  `),
  weak: termList(`
    ui, layout, button, list, image, images, scroll, scrolling, animation, launch, crash, crashes,
    release, version, debug build, background, native, flow, sync, subscription, subscriptions,
  `),
}
