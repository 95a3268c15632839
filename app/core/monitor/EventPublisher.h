#pragma once // stub: being written
