#!/usr/bin/env node
import { createRequire as __wcCreateRequire } from 'node:module'; const require = __wcCreateRequire(import.meta.url);
import module from"node:module";module.enableCompileCache();var{main}=await import("./cli-run.js");process.stdout.on("error",error=>{if(error.code!=="EPIPE")throw error});process.exitCode=await main(process.argv.slice(2),{stdout:process.stdout,stderr:process.stderr,env:process.env,cwd:process.cwd()});
