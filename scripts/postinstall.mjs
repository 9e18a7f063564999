console.log("postinstall: placeholder")
