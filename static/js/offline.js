/* The offline session: see below. */
"use strict";
