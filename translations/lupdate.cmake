# Extracts the user-visible strings of the desktop application into the .ts files, or checks that
# the committed .ts files are current and completely translated. One script for both, so the
# update target and the test run lupdate identically.
#
#   cmake -DLUPDATE=<lupdate> -DSOURCE_DIR=<repository> -DMODE=update -P lupdate.cmake
#   cmake -DLUPDATE=<lupdate> -DSOURCE_DIR=<repository> -DMODE=check -DWORK_DIR=<scratch dir> -P lupdate.cmake

foreach(var LUPDATE SOURCE_DIR MODE)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "lupdate.cmake needs -D${var}=...")
  endif()
endforeach()

set(languages fr es)
file(GLOB_RECURSE sources
  ${SOURCE_DIR}/src/gui/*.cpp ${SOURCE_DIR}/src/gui/*.h
  ${SOURCE_DIR}/src/app/*.cpp ${SOURCE_DIR}/src/app/*.h
  ${SOURCE_DIR}/ui/*.ui)
list(SORT sources)
set(lupdate_options -silent -locations none -no-obsolete -no-ui-lines)

function(run_lupdate ts_file)
  execute_process(COMMAND ${LUPDATE} ${lupdate_options} ${sources} -ts ${ts_file}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed for ${ts_file} (${rc}):\n${out}${err}")
  endif()
endfunction()

if(MODE STREQUAL "update")
  foreach(lang IN LISTS languages)
    run_lupdate(${SOURCE_DIR}/translations/lantir_${lang}.ts)
  endforeach()
  message(STATUS "Updated translations/lantir_{fr,es}.ts; translate the entries marked unfinished.")
  return()
endif()

if(NOT MODE STREQUAL "check" OR NOT DEFINED WORK_DIR)
  message(FATAL_ERROR "MODE must be update, or check with -DWORK_DIR=...")
endif()

file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
set(problems "")
foreach(lang IN LISTS languages)
  set(committed ${SOURCE_DIR}/translations/lantir_${lang}.ts)
  if(NOT EXISTS ${committed})
    string(APPEND problems "translations/lantir_${lang}.ts is missing.\n")
    continue()
  endif()
  file(READ ${committed} before)
  # Unfinished or vanished entries in what is committed.
  string(REGEX MATCHALL "type=\"(unfinished|vanished|obsolete)\"" flagged "${before}")
  list(LENGTH flagged flagged_count)
  if(flagged_count GREATER 0)
    string(APPEND problems
      "translations/lantir_${lang}.ts has ${flagged_count} unfinished or vanished entries: translate them.\n")
  endif()
  # Strings in the code that the committed file lacks (or no longer used strings it keeps).
  configure_file(${committed} ${WORK_DIR}/lantir_${lang}.ts COPYONLY)
  run_lupdate(${WORK_DIR}/lantir_${lang}.ts)
  file(READ ${WORK_DIR}/lantir_${lang}.ts after)
  if(NOT before STREQUAL after)
    string(REGEX MATCHALL "<source>[^<]*</source>\n[ ]*<translation type=\"unfinished\">" added "${after}")
    list(LENGTH added added_count)
    string(APPEND problems
      "translations/lantir_${lang}.ts is stale: lupdate changes it (${added_count} new or changed strings). "
      "Run `cmake --build <build> --target lantir_lupdate`, translate, commit.\n")
    execute_process(COMMAND diff -u ${committed} ${WORK_DIR}/lantir_${lang}.ts OUTPUT_VARIABLE diff_out)
    string(APPEND problems "${diff_out}\n")
  endif()
endforeach()

if(problems)
  message(FATAL_ERROR "${problems}")
endif()
message(STATUS "Translations are current and complete.")
