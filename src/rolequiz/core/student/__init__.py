"""One student: an answer sheet or a quiz session in, a scored and explained result out."""
