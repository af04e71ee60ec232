# Runs PROGRAM and fails unless its output equals the EXPECTED file byte for byte (the .ics
# lines end in CRLF: a text comparison would let a file that lost them pass).
set(actual ${CMAKE_CURRENT_BINARY_DIR}/golden_actual.txt)
execute_process(COMMAND ${PROGRAM} OUTPUT_FILE ${actual} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} exited with ${rc}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${actual} ${EXPECTED} RESULT_VARIABLE differs)
if(differs)
  message(FATAL_ERROR "golden output differs from ${EXPECTED}; actual output in ${actual}")
endif()
