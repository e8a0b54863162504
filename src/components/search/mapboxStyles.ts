// Mapbox GL's own style sheet, in a module of its own so MapboxMap can load it with the library.
import 'mapbox-gl/dist/mapbox-gl.css'
