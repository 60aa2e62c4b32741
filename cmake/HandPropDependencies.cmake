# SPDX-License-Identifier: Apache-2.0
# Every third-party package comes from Debian 12; see packaging/install-debian-deps.sh.

find_package(Eigen3 3.3 REQUIRED NO_MODULE)
find_package(Torch REQUIRED)
find_package(OpenCV 4 REQUIRED COMPONENTS core imgproc imgcodecs videoio)
find_package(assimp REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(ZLIB REQUIRED)
find_package(SQLite3 REQUIRED)   # CMake's FindSQLite3: SQLite::SQLite3
find_package(Threads REQUIRED)

# Torch's CMake config adds its flags to the target; the CUDA question is answered by the package.
if(TORCH_CUDA_LIBRARIES OR CUDA_FOUND)
  set(HANDPROP_TORCH_HAS_CUDA ON)
else()
  set(HANDPROP_TORCH_HAS_CUDA OFF)
endif()
if(HANDPROP_CUDA_ENABLED STREQUAL "ON" AND NOT HANDPROP_TORCH_HAS_CUDA)
  message(FATAL_ERROR "HANDPROP_CUDA_ENABLED=ON but the LibTorch found has no CUDA support")
endif()

if(HANDPROP_GUI_ENABLED)
  find_package(Qt6 6.4 REQUIRED COMPONENTS Core Gui Widgets OpenGL OpenGLWidgets Test)
  find_package(OpenGL REQUIRED)
endif()
if(HANDPROP_TESTS_ENABLED)
  find_package(GTest REQUIRED)
  include(GoogleTest)
endif()
