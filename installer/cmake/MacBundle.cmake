# macOS: Lantir.app with Qt deployed inside it (macdeployqt), lantir-sync inside the bundle beside
# the app so that it finds the same frameworks, and a drag-and-drop disk image. Included from
# installer/CMakeLists.txt when APPLE. Build the image with (docs/OPERATIONS.md):
#   cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=$HOME/Qt/6.x/macos
#   cmake --build build && cd build && cpack -G DragNDrop

if(NOT lantir_with_gui)
  message(WARNING "The macOS disk image holds Lantir.app: configure with LANTIR_BUILD_GUI=ON to build it")
  return()
endif()

set(LANTIR_MACOS_SIGN_IDENTITY "-" CACHE STRING
    "codesign identity for Lantir.app ('-': ad hoc, enough to run on this Mac; use a Developer ID to distribute)")

set_target_properties(lantir PROPERTIES
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
# iconutil from Xcode's command line tools). Without it the Dock shows the window icon that the
# app sets from its resources.
find_program(LANTIR_RSVG_CONVERT rsvg-convert)
find_program(LANTIR_ICONUTIL iconutil)
if(LANTIR_RSVG_CONVERT AND LANTIR_ICONUTIL)
  set(iconset ${CMAKE_CURRENT_BINARY_DIR}/Lantir.iconset)
  set(icns ${CMAKE_CURRENT_BINARY_DIR}/Lantir.icns)
  set(render_commands COMMAND ${CMAKE_COMMAND} -E make_directory ${iconset})
  foreach(size 16 32 128 256 512)
    math(EXPR double "${size} * 2")
    list(APPEND render_commands
      COMMAND ${LANTIR_RSVG_CONVERT} -w ${size} -h ${size} -o ${iconset}/icon_${size}x${size}.png ${lantir_icon_svg}
      COMMAND ${LANTIR_RSVG_CONVERT} -w ${double} -h ${double} -o ${iconset}/icon_${size}x${size}@2x.png ${lantir_icon_svg})
  endforeach()
  add_custom_command(OUTPUT ${icns}
    ${render_commands}
    COMMAND ${LANTIR_ICONUTIL} --convert icns --output ${icns} ${iconset}
    DEPENDS ${lantir_icon_svg}
    COMMENT "Making Lantir.icns"
    VERBATIM)
  target_sources(lantir PRIVATE ${icns})
  set_source_files_properties(${icns} PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
  set_target_properties(lantir PROPERTIES MACOSX_BUNDLE_ICON_FILE Lantir.icns)
else()
  message(STATUS "rsvg-convert or iconutil not found: Lantir.app gets no bundle icon")
endif()

get_target_property(lantir_qmake Qt6::qmake IMPORTED_LOCATION)
if(lantir_qmake)
  get_filename_component(lantir_qt_bin "${lantir_qmake}" DIRECTORY)
endif()
find_program(LANTIR_MACDEPLOYQT macdeployqt HINTS "${lantir_qt_bin}" "${QT6_INSTALL_PREFIX}/bin")
if(NOT LANTIR_MACDEPLOYQT)
  install(CODE "message(FATAL_ERROR \"macdeployqt was not found next to Qt's qmake (${lantir_qmake}); \"
    \"without it Lantir.app would lack Qt. Set LANTIR_MACDEPLOYQT to its path.\")")
  return()
endif()

# Runs after the programs are installed (this folder is added last): moves Lantir.app to the top
# of the image, puts lantir-sync inside it, deploys Qt into it and signs it again.
install(CODE "
  set(root \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}\")
  set(app \"\${root}/Lantir.app\")
  if(NOT EXISTS \"\${app}\" AND EXISTS \"\${root}/${CMAKE_INSTALL_BINDIR}/Lantir.app\")
    file(RENAME \"\${root}/${CMAKE_INSTALL_BINDIR}/Lantir.app\" \"\${app}\")
  endif()
  if(NOT EXISTS \"\${app}/Contents/MacOS/Lantir\")
    message(FATAL_ERROR \"Lantir.app was not installed to \${root}\")
  endif()
  set(cli \"\${root}/${CMAKE_INSTALL_BINDIR}/lantir-sync\")
  if(EXISTS \"\${cli}\")
    file(RENAME \"\${cli}\" \"\${app}/Contents/MacOS/lantir-sync\")
  endif()
  file(GLOB left \"\${root}/${CMAKE_INSTALL_BINDIR}/*\")
  if(NOT left)
    file(REMOVE_RECURSE \"\${root}/${CMAKE_INSTALL_BINDIR}\")
  endif()
  execute_process(
    COMMAND \"${LANTIR_MACDEPLOYQT}\" \"\${app}\" \"-executable=\${app}/Contents/MacOS/lantir-sync\"
            -always-overwrite -verbose=1
    RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR \"macdeployqt failed (\${status}); Lantir.app would lack Qt\")
  endif()
  execute_process(
    COMMAND codesign --force --deep --sign \"${LANTIR_MACOS_SIGN_IDENTITY}\" \"\${app}\"
    RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR \"codesign failed (\${status}) for identity '${LANTIR_MACOS_SIGN_IDENTITY}'\")
  endif()
")

install(FILES ${LANTIR_LICENSE_FILE} DESTINATION ${LANTIR_DOC_DIR} RENAME LICENSE.txt)
