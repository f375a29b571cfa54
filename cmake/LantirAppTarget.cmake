# Platform details of the desktop program `lantir`: a GUI-subsystem program with an icon on
# Windows, an application bundle with an icon on macOS. Included from src/app/CMakeLists.txt, and
# also from installer/CMakeLists.txt for the identifiers below.
#
# Everything that adds sources to the target (the Windows resource script, the generated
# Lantir.icns) happens here, in the directory that defines the target: CMake only writes the rule
# for a custom command's output, and applies a source file property such as
# MACOSX_PACKAGE_LOCATION, for targets of the directory that made them.

# One place for what the packages and the program both carry.
set(LANTIR_APPSTREAM_ID io.github.lantir.Lantir)           # also the macOS bundle identifier
set(LANTIR_APP_ICON_SVG ${PROJECT_SOURCE_DIR}/resources/icons/lantir.svg)
set(LANTIR_WINDOWS_ICON ${PROJECT_SOURCE_DIR}/installer/windows/lantir.ico)
set(LANTIR_WINDOWS_RC_IN ${PROJECT_SOURCE_DIR}/installer/windows/lantir.rc.in)
# The installed desktop app looks for its translations and icons in
# <bin>/../share/lantir/{translations,icons} (Translator.cpp, Icons.cpp).
set(LANTIR_SHARE_SUBDIR lantir)

# lantir_configure_app_target(<target>): call in the directory that runs add_executable(<target>),
# before install(TARGETS <target>).
function(lantir_configure_app_target target)
  if(WIN32)
    # A GUI program: no console window opens beside it (Qt supplies WinMain through
    # Qt6::EntryPointPrivate). The resource script gives it its icon and version information.
    set_target_properties(${target} PROPERTIES WIN32_EXECUTABLE TRUE)
    if(NOT EXISTS ${LANTIR_WINDOWS_ICON})
      message(FATAL_ERROR "${LANTIR_WINDOWS_ICON} is missing: lantir.exe would have no icon")
    endif()
    # The resource script names the icon by its absolute path and carries the version of
    # project(), so it is written into the build folder.
    set(LANTIR_RC_ICON ${LANTIR_WINDOWS_ICON})
    set(LANTIR_RC_VERSION_COMMAS "${PROJECT_VERSION_MAJOR},${PROJECT_VERSION_MINOR},${PROJECT_VERSION_PATCH},0")
    set(LANTIR_RC_VERSION "${PROJECT_VERSION}")
    set(rc ${CMAKE_CURRENT_BINARY_DIR}/lantir.rc)
    configure_file(${LANTIR_WINDOWS_RC_IN} ${rc} @ONLY)
    target_sources(${target} PRIVATE ${rc})
    set_property(SOURCE ${rc} APPEND PROPERTY OBJECT_DEPENDS ${LANTIR_WINDOWS_ICON})
  elseif(APPLE)
    set_target_properties(${target} PROPERTIES
      MACOSX_BUNDLE TRUE
      OUTPUT_NAME Lantir
      MACOSX_BUNDLE_BUNDLE_NAME Lantir
      MACOSX_BUNDLE_GUI_IDENTIFIER ${LANTIR_APPSTREAM_ID}
      MACOSX_BUNDLE_BUNDLE_VERSION ${PROJECT_VERSION}
      MACOSX_BUNDLE_SHORT_VERSION_STRING ${PROJECT_VERSION}
      MACOSX_BUNDLE_LONG_VERSION_STRING "Lantir ${PROJECT_VERSION}"
      MACOSX_BUNDLE_INFO_STRING "Lantir ${PROJECT_VERSION}: REDCap to DICOM worklist sync"
      MACOSX_BUNDLE_COPYRIGHT "Copyright 2026 The Lantir project. Apache License 2.0.")

    # The bundle icon, when the tools to make one are here (rsvg-convert from Homebrew's librsvg,
    # iconutil from Xcode's command line tools). Without it the Dock shows the window icon that
    # the app sets from its icons.
    find_program(LANTIR_RSVG_CONVERT rsvg-convert)
    find_program(LANTIR_ICONUTIL iconutil)
    if(LANTIR_RSVG_CONVERT AND LANTIR_ICONUTIL AND EXISTS ${LANTIR_APP_ICON_SVG})
      set(iconset ${CMAKE_CURRENT_BINARY_DIR}/Lantir.iconset)
      set(icns ${CMAKE_CURRENT_BINARY_DIR}/Lantir.icns)
      set(render_commands COMMAND ${CMAKE_COMMAND} -E make_directory ${iconset})
      foreach(size 16 32 128 256 512)
        math(EXPR double "${size} * 2")
        list(APPEND render_commands
          COMMAND ${LANTIR_RSVG_CONVERT} -w ${size} -h ${size}
                  -o ${iconset}/icon_${size}x${size}.png ${LANTIR_APP_ICON_SVG}
          COMMAND ${LANTIR_RSVG_CONVERT} -w ${double} -h ${double}
                  -o ${iconset}/icon_${size}x${size}@2x.png ${LANTIR_APP_ICON_SVG})
      endforeach()
      add_custom_command(OUTPUT ${icns}
        ${render_commands}
        COMMAND ${LANTIR_ICONUTIL} --convert icns --output ${icns} ${iconset}
        DEPENDS ${LANTIR_APP_ICON_SVG}
        COMMENT "Making Lantir.icns"
        VERBATIM)
      target_sources(${target} PRIVATE ${icns})
      set_source_files_properties(${icns} PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
      set_target_properties(${target} PROPERTIES MACOSX_BUNDLE_ICON_FILE Lantir.icns)
    else()
      message(STATUS "rsvg-convert or iconutil not found: Lantir.app gets no bundle icon")
    endif()
  endif()
endfunction()
