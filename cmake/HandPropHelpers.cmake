# SPDX-License-Identifier: Apache-2.0
# One function per kind of target, so that every folder's CMakeLists.txt reads the same way.

find_program(HANDPROP_CCACHE ccache)
if(HANDPROP_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${HANDPROP_CCACHE}")
endif()

# Qt's `slots`/`signals` keywords break <torch/torch.h> (build-env.md pitfall 1).
add_compile_definitions(QT_NO_KEYWORDS)

function(handprop_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(HANDPROP_WERROR_ENABLED)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# Sanitizers must instrument every object of a program alike: Eigen, for one, picks its allocator
# from __SANITIZE_ADDRESS__, so a matrix allocated in an uninstrumented library and freed in an
# instrumented one is a heap error. Hence directory-wide options here, not per-target ones.
if(HANDPROP_ASAN_ENABLED)
  add_compile_options(-fsanitize=address -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address)
endif()
if(HANDPROP_UBSAN_ENABLED)
  add_compile_options(-fsanitize=undefined -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=undefined)
endif()

# handprop_add_library(NAME name SRCS ... [PUBLIC_LINK_LIBS ...] [PRIVATE_LINK_LIBS ...] [TORCH_PCH])
# A static library whose public include root is the repository root (#include "core/model/...").
function(handprop_add_library)
  cmake_parse_arguments(ARG "TORCH_PCH" "NAME" "SRCS;PUBLIC_LINK_LIBS;PRIVATE_LINK_LIBS" ${ARGN})
  add_library(${ARG_NAME} STATIC ${ARG_SRCS})
  add_library(HandProp::${ARG_NAME} ALIAS ${ARG_NAME})
  target_include_directories(${ARG_NAME} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}> $<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/generated>)
  target_link_libraries(${ARG_NAME} PUBLIC ${ARG_PUBLIC_LINK_LIBS} PRIVATE ${ARG_PRIVATE_LINK_LIBS})
  handprop_set_warnings(${ARG_NAME})
  if(ARG_TORCH_PCH)
    handprop_use_torch_pch(${ARG_NAME})
  endif()
endfunction()

# One precompiled <torch/torch.h> for the whole build, reused by every target that asks for it.
function(handprop_use_torch_pch target)
  if(NOT TARGET handprop_torch_pch)
    add_library(handprop_torch_pch STATIC "${PROJECT_SOURCE_DIR}/cmake/torch_pch.cc")
    target_link_libraries(handprop_torch_pch PUBLIC torch)
    target_precompile_headers(handprop_torch_pch PRIVATE <torch/torch.h>)
    handprop_set_warnings(handprop_torch_pch)  # same flags as its users, or GCC rejects the PCH
  endif()
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "EXECUTABLE")
    # The header is precompiled for the (PIC) libraries; GCC refuses it in a -fPIE object, with
    # only a warning, and parses <torch/torch.h> again (~30 s). PIC code links into a program too.
    target_compile_options(${target} PRIVATE -fPIC)
  endif()
  target_precompile_headers(${target} REUSE_FROM handprop_torch_pch)
endfunction()

# handprop_add_executable(NAME name SRCS ... [LINK_LIBS ...])
function(handprop_add_executable)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;LINK_LIBS" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SRCS})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_LINK_LIBS})
  handprop_set_warnings(${ARG_NAME})
endfunction()

# handprop_add_test(NAME module/file_test SRCS ... [LINK_LIBS ...] [LABELS ...] [TORCH_PCH])
# One gtest binary per test file, run as a single ctest entry (one process: a libtorch process
# costs ~0.4 s to start, build-env.md pitfall 9). The shared main seeds every generator. Each test
# computes on one thread (OMP_NUM_THREADS=1): ctest runs tests side by side, and two LibTorch
# processes with two OpenMP threads each on 2 cores spin against each other (10 s became 100 s).
# TORCH_PCH: the test includes <torch/torch.h> and reuses the build's one precompiled copy of it.
function(handprop_add_test)
  cmake_parse_arguments(ARG "TORCH_PCH" "NAME" "SRCS;LINK_LIBS;LABELS" ${ARGN})
  string(REPLACE "/" "_" target "${ARG_NAME}")
  add_executable(${target} ${ARG_SRCS})
  target_link_libraries(${target} PRIVATE ${ARG_LINK_LIBS} handprop_test_support)
  handprop_set_warnings(${target})
  if(ARG_TORCH_PCH)
    handprop_use_torch_pch(${target})
  endif()
  add_test(NAME ${ARG_NAME} COMMAND ${target} --gtest_brief=1
           WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
  set_tests_properties(${ARG_NAME} PROPERTIES
    LABELS "${ARG_LABELS}"
    ENVIRONMENT "HANDPROP_DATA_DIR=${HANDPROP_BUILD_DATA_DIR};HANDPROP_SOURCE_DIR=${PROJECT_SOURCE_DIR};OMP_NUM_THREADS=1")
endfunction()
