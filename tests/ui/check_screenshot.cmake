# SPDX-License-Identifier: Apache-2.0
# ctest helper: runs `handprop-studio --screenshot` and checks the PNG's size from its header.
#   cmake -DSTUDIO=<exe> -DOUT=<png> -DWIDTH=w -DHEIGHT=h -P check_screenshot.cmake
if("$ENV{DISPLAY}" STREQUAL "" AND "$ENV{WAYLAND_DISPLAY}" STREQUAL "")
  message(NOTICE "SKIPPED: no display; run under xvfb-run -a")  # ctest: SKIP_REGULAR_EXPRESSION
  return()
endif()
file(REMOVE "${OUT}")
execute_process(COMMAND "${STUDIO}" --model openhand --screenshot "${OUT}" --size ${WIDTH}x${HEIGHT}
                RESULT_VARIABLE code ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "handprop-studio exited with ${code}: ${err}")
endif()
if(NOT EXISTS "${OUT}")
  message(FATAL_ERROR "${OUT} was not written")
endif()
# PNG: 8-byte signature, then the IHDR chunk (length, type) with width and height, big-endian.
file(READ "${OUT}" header LIMIT 24 HEX)
string(SUBSTRING "${header}" 0 16 signature)
string(SUBSTRING "${header}" 32 8 width_hex)
string(SUBSTRING "${header}" 40 8 height_hex)
math(EXPR width "0x${width_hex}")
math(EXPR height "0x${height_hex}")
if(NOT signature STREQUAL "89504e470d0a1a0a" OR NOT width EQUAL WIDTH OR NOT height EQUAL HEIGHT)
  message(FATAL_ERROR "${OUT}: expected a ${WIDTH}x${HEIGHT} PNG, got signature ${signature}, ${width}x${height}")
endif()
